namespace Dashboard.Data.Migrations;

/// <summary>RabbitMQ-source settings: the queue, whether to declare it, an exchange binding and the prefetch.</summary>
internal static class M014_RabbitMqSource
{
    public static Migration Migration { get; } = new(14, "rabbitmq source", """
        ALTER TABLE event_definitions ADD COLUMN RabbitQueue TEXT NULL;
        ALTER TABLE event_definitions ADD COLUMN RabbitDeclareQueue INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE event_definitions ADD COLUMN RabbitExchange TEXT NULL;
        ALTER TABLE event_definitions ADD COLUMN RabbitRoutingKey TEXT NULL;
        ALTER TABLE event_definitions ADD COLUMN RabbitPrefetch INTEGER NOT NULL DEFAULT 32;
        """);
}
