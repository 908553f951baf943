namespace Dashboard.Data.Migrations;

/// <summary>
/// Synchronous HTTP events: a definition's mode, response schema, timeout and 400 body template; a run keeps the
/// response it produced (status and body), so a retried sync request is answered from the store, also after a restart.
/// </summary>
internal static class M015_SyncEvents
{
    public static Migration Migration { get; } = new(15, "sync events", """
        ALTER TABLE event_definitions ADD COLUMN Mode TEXT NOT NULL DEFAULT 'Async';
        ALTER TABLE event_definitions ADD COLUMN ResponseSchema TEXT NULL;
        ALTER TABLE event_definitions ADD COLUMN SyncTimeoutSeconds INTEGER NOT NULL DEFAULT 30;
        ALTER TABLE event_definitions ADD COLUMN ValidationErrorBody TEXT NULL;
        ALTER TABLE runs ADD COLUMN ResponseStatus INTEGER NULL;
        ALTER TABLE runs ADD COLUMN Response TEXT NULL;
        """);
}
