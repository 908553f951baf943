using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.RabbitMq;

/// <summary>Section <c>RabbitMq</c>: the broker the RabbitMQ sources consume from.</summary>
public sealed class RabbitMqOptions
{
    public const string SectionName = "RabbitMq";

    /// <summary>AMQP URI, e.g. <c>amqp://user:password@host:5672/vhost</c>; setting it enables the module.</summary>
    public string? Uri { get; set; }

    /// <summary>Enables the module without a URI (the validation then names the missing key).</summary>
    public bool Enabled { get; set; }

    /// <summary>How long a message the store refused for now (queue full, store unavailable) is held before it is requeued.</summary>
    public double RequeueDelaySeconds { get; set; } = 1;

    /// <summary>Wait between attempts to reach the broker.</summary>
    public double ReconnectSeconds { get; set; } = 2;
}

/// <summary>Reports every bad <c>RabbitMq</c> key by name.</summary>
internal sealed class RabbitMqOptionsValidator : IValidateOptions<RabbitMqOptions>
{
    public ValidateOptionsResult Validate(string? name, RabbitMqOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Uri))
        {
            failures.Add("RabbitMq:Uri is required when the RabbitMQ module is enabled (amqp://host:5672/).");
        }
        else if (!System.Uri.TryCreate(options.Uri, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            failures.Add($"RabbitMq:Uri '{options.Uri}' is not an amqp:// or amqps:// URI.");
        }

        if (options.RequeueDelaySeconds is < 0 or > 300)
        {
            failures.Add("RabbitMq:RequeueDelaySeconds must be between 0 and 300.");
        }

        if (options.ReconnectSeconds is < 0.1 or > 300)
        {
            failures.Add("RabbitMq:ReconnectSeconds must be between 0.1 and 300.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
