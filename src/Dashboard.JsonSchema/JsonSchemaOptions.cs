namespace Dashboard.JsonSchema;

/// <summary>Options that change how a schema is compiled and validated.</summary>
public sealed record JsonSchemaOptions
{
    /// <summary>The default options: <c>format</c> is an annotation only.</summary>
    public static JsonSchemaOptions Default { get; } = new();

    /// <summary>
    /// When true, <c>format</c> is asserted for date-time, date, time, email, uri, uuid, ipv4 and ipv6;
    /// other formats stay annotations.
    /// </summary>
    public bool AssertFormat { get; init; }

    /// <summary>
    /// The base URI of a schema without a root <c>$id</c>; relative references resolve against it.
    /// </summary>
    public string DefaultBaseUri { get; init; } = "urn:dashboard:schema";

    /// <summary>How long a single <c>pattern</c> match may run before it counts as a failure.</summary>
    public TimeSpan RegexMatchTimeout { get; init; } = TimeSpan.FromMilliseconds(250);
}
