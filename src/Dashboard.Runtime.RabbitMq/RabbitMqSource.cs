namespace Dashboard.Runtime.RabbitMq;

/// <summary>The settings of one RabbitMQ-source definition.</summary>
public sealed record RabbitMqSource(
    long DefinitionId, string Key, string Queue, bool DeclareQueue, string? Exchange, string? RoutingKey, int Prefetch,
    bool WrapNonCloudEvents, string? TypeFilter);
