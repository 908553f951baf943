using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.JsonSchema.Compilation;
using Dashboard.JsonSchema.Evaluation;
using Dashboard.JsonSchema.Keywords;

namespace Dashboard.JsonSchema.Examples;

internal sealed partial class ExampleBuilder
{
    private static JsonValue BuildString(List<SchemaNode> parts, int variant)
    {
        var minLength = (int)Math.Min(Number(parts, "minLength") ?? 0, 1000);
        var maxLength = (int)Math.Min(Number(parts, "maxLength") ?? int.MaxValue, int.MaxValue);
        var format = First(parts, "format") is { Value.ValueKind: JsonValueKind.String } f ? f.Value.GetString()! : null;
        var pattern = First(parts, "pattern") is { Value.ValueKind: JsonValueKind.String } p ? p.Value.GetString()! : null;

        var text = (format is null ? null : FormatSample(format, variant))
            ?? (pattern is null ? null : PatternSampler.Sample(pattern, variant))
            ?? (variant == 0 ? "string" : "string" + variant.ToString(CultureInfo.InvariantCulture));
        if (format is null && pattern is null)
        {
            var length = LengthKeyword.CodePoints(text);
            text = length < minLength ? text + new string('x', minLength - length) : text;
            text = LengthKeyword.CodePoints(text) > maxLength ? text[..maxLength] : text;
        }

        return JsonValue.Create(text);
    }

    private static string? FormatSample(string format, int variant)
    {
        var day = 15 + (variant % 10);
        return format switch
        {
            "date-time" => $"2024-01-{day}T09:30:00Z",
            "date" => $"2024-01-{day}",
            "time" => "09:30:00Z",
            "email" => variant == 0 ? "user@example.com" : $"user{variant}@example.com",
            "uri" or "iri" => variant == 0 ? "https://example.com/resource" : $"https://example.com/resource/{variant}",
            "uri-reference" or "iri-reference" => "/resource",
            "uuid" => $"3fa85f64-5717-4562-b3fc-{variant:x12}",
            "hostname" or "idn-hostname" => "example.com",
            "ipv4" => $"192.0.2.{1 + (variant % 250)}",
            "ipv6" => "2001:db8::1",
            "duration" => "P1D",
            "json-pointer" => "/example",
            "regex" => "^example$",
            _ => null,
        };
    }

    private static JsonValue BuildNumber(List<SchemaNode> parts, bool integer, int variant)
    {
        var minimum = Number(parts, "minimum");
        var maximum = Number(parts, "maximum");
        var exclusiveMinimum = Number(parts, "exclusiveMinimum");
        var exclusiveMaximum = Number(parts, "exclusiveMaximum");
        var step = Number(parts, "multipleOf") ?? 1m;

        var upper = maximum ?? exclusiveMaximum;
        var value = minimum ?? (exclusiveMinimum is { } e ? e + step : Math.Min(1m, upper ?? 1m));
        if (exclusiveMinimum is { } low && value <= low)
        {
            value = low + step;
        }

        value = Math.Ceiling(value / step) * step + (variant * step);
        if (upper is { } high && (value > high || (exclusiveMaximum is not null && value >= exclusiveMaximum)))
        {
            value = Math.Floor(high / step) * step;
            if (exclusiveMaximum is not null && value >= exclusiveMaximum)
            {
                value -= step;
            }
        }

        if (integer || value == Math.Truncate(value))
        {
            return JsonValue.Create((long)Math.Ceiling(Math.Clamp(value, long.MinValue, long.MaxValue)));
        }

        return JsonValue.Create(value);
    }
}
