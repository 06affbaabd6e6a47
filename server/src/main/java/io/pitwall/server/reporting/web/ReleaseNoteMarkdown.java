package io.pitwall.server.reporting.web;

import io.pitwall.server.reporting.ReleaseNote;
import java.util.Map;

/** A release note as Markdown: headings and tables, names escaped so they cannot add table cells. */
final class ReleaseNoteMarkdown {

    private ReleaseNoteMarkdown() {}

    static String of(ReleaseNote note) {
        StringBuilder md = new StringBuilder();
        md.append("# Release note: ")
                .append(text(note.campaignName()))
                .append(" (campaign ")
                .append(note.campaignId())
                .append("), ")
                .append(note.day())
                .append(" UTC\n\n");
        md.append("Status **")
                .append(note.status())
                .append("**, as of ")
                .append(note.generatedAt())
                .append(note.stored() ? "" : " (computed on request, not stored yet)")
                .append(".\n\n");
        md.append("## Assignments by state\n\n")
                .append(table("State", note.byStatus()))
                .append("\nTotal: ")
                .append(note.assignments())
                .append("\n\n");
        md.append("## Failures by category\n\n")
                .append(note.failuresByCategory().isEmpty() ? "None.\n" : table("Category", note.failuresByCategory()))
                .append('\n');
        md.append("## Waves\n\n")
                .append(note.wavesPassed())
                .append(" of ")
                .append(note.waves())
                .append(" waves passed");
        if (!note.wavesPassedThatDay().isEmpty()) {
            md.append("; passed that day: ")
                    .append(String.join(
                            ", ",
                            note.wavesPassedThatDay().stream()
                                    .map(ReleaseNoteMarkdown::text)
                                    .toList()));
        }
        md.append(".\n\n## Gate decisions of the day\n\n");
        if (note.gateDecisions().isEmpty()) {
            md.append("None.\n");
        } else {
            md.append("| At | Wave | Decision | By |\n|---|---|---|---|\n");
            for (var d : note.gateDecisions()) {
                md.append("| ")
                        .append(d.at())
                        .append(" | ")
                        .append(text(String.valueOf(d.wave())))
                        .append(' ')
                        .append(text(String.valueOf(d.name())))
                        .append(" | ")
                        .append(text(String.valueOf(d.outcome())))
                        .append(" | ")
                        .append(text(d.actor()))
                        .append(" |\n");
            }
        }
        md.append("\n## Cases opened\n\n")
                .append(note.casesOpened())
                .append(" (")
                .append(text(note.casesSource()))
                .append(")\n");
        return md.toString();
    }

    private static String table(String key, Map<String, Long> counts) {
        StringBuilder md = new StringBuilder("| " + key + " | Count |\n|---|---|\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> md.append("| ")
                        .append(text(e.getKey()))
                        .append(" | ")
                        .append(e.getValue())
                        .append(" |\n"));
        return md.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value.replace("|", "\\|").replace("\n", " ").replace("\r", " ");
    }
}
