using Dashboard.Runtime.Common;

namespace Dashboard.Runtime.Definitions;

/// <summary>Field checks of a RabbitMQ-source definition: queue and exchange names (AMQP short strings), routing key, prefetch.</summary>
internal static class RabbitMqRules
{
    public const int MaxNameLength = 255;
    public const int MaxPrefetch = 10_000;

    public static void Check(List<FieldError> errors, EventDefinitionModel model)
    {
        if (string.IsNullOrWhiteSpace(model.RabbitQueue))
        {
            errors.Add(new("rabbitQueue", "A queue name is required for a RabbitMQ source."));
        }
        else if (!IsName(model.RabbitQueue.Trim()) || model.RabbitQueue.Trim().StartsWith("amq.", StringComparison.Ordinal))
        {
            errors.Add(new("rabbitQueue", $"A queue name has up to {MaxNameLength} printable characters, no spaces, and does not start with 'amq.'."));
        }

        if (!string.IsNullOrWhiteSpace(model.RabbitExchange) && !IsName(model.RabbitExchange.Trim()))
        {
            errors.Add(new("rabbitExchange", $"An exchange name has up to {MaxNameLength} printable characters and no spaces."));
        }

        if (model.RabbitRoutingKey is { Length: > MaxNameLength })
        {
            errors.Add(new("rabbitRoutingKey", $"At most {MaxNameLength} characters."));
        }

        if (model.RabbitPrefetch is < 1 or > MaxPrefetch)
        {
            errors.Add(new("rabbitPrefetch", $"Between 1 and {MaxPrefetch}."));
        }
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.All(c => c > ' ' && c < 127);
}
