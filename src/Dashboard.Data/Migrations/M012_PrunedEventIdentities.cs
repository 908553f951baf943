namespace Dashboard.Data.Migrations;

/// <summary>
/// Retention deletes old events but keeps each one's CloudEvents identity (source, id) here, so a sender's retry of a
/// pruned event is still answered as a duplicate and never runs twice. The trigger makes the writer's
/// <c>INSERT … ON CONFLICT DO NOTHING RETURNING Seq</c> skip such an event exactly as it skips a stored one (no row
/// returned = duplicate), so the hot path is unchanged apart from one primary-key probe. <c>PrunedAt</c> lets a finite
/// de-duplication window forget identities; by default they are kept forever.
/// </summary>
internal static class M012_PrunedEventIdentities
{
    public static Migration Migration { get; } = new(12, "pruned event identities", """
        CREATE TABLE pruned_event_ids (
            Source TEXT NOT NULL,
            Id TEXT NOT NULL,
            PrunedAt INTEGER NOT NULL,
            PRIMARY KEY (Source, Id)
        ) WITHOUT ROWID;
        CREATE INDEX IX_pruned_event_ids_PrunedAt ON pruned_event_ids (PrunedAt);
        CREATE TRIGGER events_skip_pruned_identity BEFORE INSERT ON events
        WHEN EXISTS (SELECT 1 FROM pruned_event_ids WHERE Source = NEW.Source AND Id = NEW.Id)
        BEGIN
            SELECT RAISE(IGNORE);
        END;
        """);
}
