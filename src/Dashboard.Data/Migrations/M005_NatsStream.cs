namespace Dashboard.Data.Migrations;

/// <summary>A NATS source can read its subject from a JetStream stream (durable consumer) instead of a core subscription.</summary>
internal static class M005_NatsStream
{
    public static Migration Migration { get; } = new(5, "nats source stream", """
        ALTER TABLE event_definitions ADD COLUMN NatsStream TEXT NULL;
        """);
}
