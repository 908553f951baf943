namespace Dashboard.Data.Migrations;

/// <summary>
/// Standard Webhooks replay guard: each accepted <c>webhook-id</c> per definition is kept until its signature's
/// tolerance window has passed, so a replay is refused after a restart too.
/// </summary>
internal static class M011_WebhookIds
{
    public static Migration Migration { get; } = new(11, "webhook ids", """
        CREATE TABLE IF NOT EXISTS webhook_ids (
            DefinitionId INTEGER NOT NULL,
            WebhookId TEXT NOT NULL,
            ExpiresAt INTEGER NOT NULL,
            PRIMARY KEY (DefinitionId, WebhookId)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS IX_webhook_ids_ExpiresAt ON webhook_ids (ExpiresAt);
        """);
}
