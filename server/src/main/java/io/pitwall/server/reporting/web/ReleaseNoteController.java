package io.pitwall.server.reporting.web;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.reporting.CampaignReleaseNotes;
import io.pitwall.server.reporting.ReleaseNote;
import io.pitwall.server.shared.ApiException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A campaign's daily release notes, as JSON or (Accept: text/markdown) Markdown. */
@RestController
@RequestMapping("/api/v1/campaigns/{id}/release-notes")
class ReleaseNoteController {

    record NoteEntry(LocalDate day, OffsetDateTime generatedAt) {}

    private final CampaignReleaseNotes notes;

    ReleaseNoteController(CampaignReleaseNotes notes) {
        this.notes = notes;
    }

    @GetMapping
    @RequiresPermission(Permission.CAMPAIGN_READ)
    List<NoteEntry> list(@PathVariable long id) {
        return notes.list(id).stream()
                .map(e -> new NoteEntry(e.day(), e.generatedAt()))
                .toList();
    }

    @GetMapping("/{day}")
    @RequiresPermission(Permission.CAMPAIGN_READ)
    ReleaseNote note(@PathVariable long id, @PathVariable String day) {
        return notes.note(id, day(day));
    }

    @GetMapping(value = "/{day}", produces = "text/markdown")
    @RequiresPermission(Permission.CAMPAIGN_READ)
    String markdown(@PathVariable long id, @PathVariable String day) {
        return ReleaseNoteMarkdown.of(notes.note(id, day(day)));
    }

    private static LocalDate day(String day) {
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid-parameter", "The day is a date like 2026-11-27 (UTC)");
        }
    }
}
