namespace Dashboard.Data.Migrations;

/// <summary>Per-source settings: how a NATS source treats non-CloudEvent messages, and a cron source's missed-fire policy.</summary>
internal static class M004_SourceSettings
{
    public static Migration Migration { get; } = new(4, "source settings", """
        ALTER TABLE event_definitions ADD COLUMN NatsWrapNonCloudEvents INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE event_definitions ADD COLUMN CronMissedFirePolicy TEXT NOT NULL DEFAULT 'FireOnce';
        ALTER TABLE event_definitions ADD COLUMN LastFiredAt INTEGER NULL;
        """);
}
