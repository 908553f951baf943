namespace Dashboard.CloudEvents;

/// <summary>The CloudEvents type system, used to declare the type of known extension attributes.</summary>
public enum CloudEventAttributeType
{
    /// <summary>A string; carried as <see cref="string"/>.</summary>
    String,

    /// <summary>true or false; carried as <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>A 32-bit signed integer; carried as <see cref="int"/>.</summary>
    Integer,

    /// <summary>Base64 text; carried as the canonical <see cref="string"/>.</summary>
    Binary,

    /// <summary>An absolute URI; carried as <see cref="string"/>.</summary>
    Uri,

    /// <summary>A URI-reference; carried as <see cref="string"/>.</summary>
    UriReference,

    /// <summary>An RFC 3339 timestamp; carried as the canonical <see cref="string"/>.</summary>
    Timestamp,
}
