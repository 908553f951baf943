using Dashboard.Runtime.Common;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Nats.Eventing;

/// <summary>Checks every <c>Eventing</c> key at startup and names each bad one.</summary>
public sealed class EventingOptionsValidator(IOptions<RuntimeOptions> runtime) : IValidateOptions<EventingOptions>
{
    private const string Prefix = EventingOptions.SectionName + ":Nats:";

    public ValidateOptionsResult Validate(string? name, EventingOptions options)
    {
        var errors = new List<string>();
        if (!options.IsNatsMode && !string.Equals(options.Mode, EventingOptions.EmbeddedMode, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Eventing:Mode: '{options.Mode}' is not Embedded or Nats.");
        }

        if (runtime.Value.IsScaleOut && !options.IsNatsMode)
        {
            errors.Add("Runtime:Role=Worker and Runtime:ScaleOut=true need Eventing:Mode=Nats.");
        }

        var nats = options.Nats;
        if (!string.IsNullOrWhiteSpace(nats.Url))
        {
            foreach (var url in nats.Url.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls") || string.IsNullOrEmpty(uri.Host))
                {
                    errors.Add($"{Prefix}Url: '{url}' is not a nats://host:port or tls://host:port URL.");
                }
            }
        }

        Token(errors, "StreamName", nats.StreamName, allowDots: false);
        Token(errors, "ConsumerName", nats.ConsumerName, allowDots: false);
        Token(errors, "SubjectPrefix", nats.SubjectPrefix, allowDots: true);
        Range(errors, "MaxAckPending", nats.MaxAckPending, 1, 1_000_000);
        Range(errors, "AckWaitSeconds", nats.AckWaitSeconds, 1, 3_600);
        Range(errors, "MaxDeliver", nats.MaxDeliver, 1, 1_000);
        Range(errors, "DuplicateWindowSeconds", nats.DuplicateWindowSeconds, 1, 86_400);
        Range(errors, "FallbackAfterSeconds", nats.FallbackAfterSeconds, 1, 3_600);
        Range(errors, "StreamMaxAgeHours", nats.StreamMaxAgeHours, 1, 24 * 365);
        Range(errors, "HistoryCapacity", nats.HistoryCapacity, 1, 10_000);
        Range(errors, "LocalPort", nats.LocalPort, 1, 65_535);
        if (string.IsNullOrWhiteSpace(nats.ServerExecutable))
        {
            errors.Add($"{Prefix}ServerExecutable: must name the nats-server executable.");
        }

        if (!string.IsNullOrEmpty(nats.Token) && !string.IsNullOrEmpty(nats.User))
        {
            errors.Add($"{Prefix}Token: set either Token or User/Password, not both.");
        }

        if (!string.IsNullOrEmpty(nats.Password) && string.IsNullOrEmpty(nats.User))
        {
            errors.Add($"{Prefix}User: required when Password is set.");
        }

        if (!string.IsNullOrEmpty(nats.TlsCaFile) && !File.Exists(nats.TlsCaFile))
        {
            errors.Add($"{Prefix}TlsCaFile: '{nats.TlsCaFile}' does not exist.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{Prefix}{key}: {value} is outside {min}..{max}.");
        }
    }

    private static void Token(List<string> errors, string key, string? value, bool allowDots)
    {
        if (string.IsNullOrWhiteSpace(value)
            || value.AsSpan().IndexOfAny(allowDots ? " \t*>" : " \t*>.") >= 0
            || (allowDots && (value.StartsWith('.') || value.EndsWith('.') || value.Contains("..", StringComparison.Ordinal))))
        {
            errors.Add($"{Prefix}{key}: '{value}' is not a valid NATS name{(allowDots ? " (dot-separated tokens, no wildcards)" : " (no dots, spaces or wildcards)")}.");
        }
    }
}
