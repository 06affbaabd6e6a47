-- A transition's note is "<from> -> <to>: " and the operator's comment of up to 2000 characters.
ALTER TABLE case_note ALTER COLUMN body SET DATA TYPE VARCHAR(2100);
