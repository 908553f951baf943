using System.Collections.ObjectModel;

namespace Dashboard.CloudEvents;

/// <summary>Collects raw attribute values from a reader, then validates them and builds the event. Reusable.</summary>
internal sealed class CloudEventBuilder
{
    private OrderedDictionary<string, object>? _extensions;

    public string? SpecVersion { get; set; }

    public string? Id { get; set; }

    public string? Source { get; set; }

    public string? Type { get; set; }

    public string? DataContentType { get; set; }

    public string? DataSchema { get; set; }

    public string? Subject { get; set; }

    public string? Time { get; set; }

    public CloudEventData? Data { get; set; }

    /// <summary>Set when the JSON format carried both <c>data</c> and <c>data_base64</c>.</summary>
    public bool HasBothDataMembers { get; set; }

    /// <summary>Attributes already reported as malformed by the reader; the builder does not report them again.</summary>
    public HashSet<string> Rejected { get; } = new(StringComparer.Ordinal);

    public void AddExtension(string name, object value) =>
        (_extensions ??= new OrderedDictionary<string, object>(StringComparer.Ordinal))[name] = value;

    public void Reset()
    {
        SpecVersion = Id = Source = Type = DataContentType = DataSchema = Subject = Time = null;
        Data = null;
        HasBothDataMembers = false;
        _extensions = null;
        if (Rejected.Count > 0)
        {
            Rejected.Clear();
        }
    }

    /// <summary>Validates what was collected; returns the event, or null when this or an earlier step reported an error.</summary>
    public CloudEvent? Build(ErrorCollector errors, in AttributePaths paths, int errorsBefore)
    {
        if (!Rejected.Contains("specversion"))
        {
            AttributeRules.CheckSpecVersion(errors, paths, SpecVersion);
        }

        AttributeRules.CheckCore(errors, paths, Keep("id", Id), Keep("source", Source), Keep("type", Type));
        AttributeRules.CheckOptional(errors, paths, DataContentType, DataSchema, Subject);
        DateTimeOffset? time = null;
        if (Time is not null)
        {
            if (Rfc3339.TryParse(Time, out var parsed))
            {
                time = parsed;
            }
            else
            {
                errors.Add(paths.Of("time"), $"'{Time}' is not an RFC 3339 timestamp");
            }
        }

        if (HasBothDataMembers)
        {
            errors.Add(paths.Of("data_base64"), "data and data_base64 must not both be present");
        }

        if (errors.Count > errorsBefore)
        {
            return null;
        }

        return new CloudEvent
        {
            Id = Id!,
            Source = Source!,
            Type = Type!,
            DataContentType = DataContentType,
            DataSchema = DataSchema,
            Subject = Subject,
            Time = time,
            Data = Data,
            Extensions = _extensions is null ? CloudEvent.NoExtensions : new ReadOnlyDictionary<string, object>(_extensions),
        };
    }

    // A rejected required attribute is passed on as a placeholder so it is not reported missing as well.
    private string? Keep(string name, string? value) => value is null && Rejected.Contains(name) ? "-" : value;
}
