namespace Dashboard.CloudEvents;

/// <summary>How errors name an attribute: a JSON path (<c>$.id</c>, <c>$[2].id</c>) or a header (<c>ce-id</c>).</summary>
internal readonly struct AttributePaths
{
    private readonly int _batchIndex;
    private readonly string? _contentTypeHeader;
    private readonly bool _headers;

    private AttributePaths(int batchIndex, bool headers, string? contentTypeHeader)
    {
        _batchIndex = batchIndex;
        _headers = headers;
        _contentTypeHeader = contentTypeHeader;
    }

    public static AttributePaths Json(int batchIndex = -1) => new(batchIndex, headers: false, contentTypeHeader: null);

    /// <summary>Header names; <paramref name="contentTypeHeader"/> names datacontenttype when a transport header carries it.</summary>
    public static AttributePaths Headers(string? contentTypeHeader) => new(-1, headers: true, contentTypeHeader);

    public string Of(string attribute)
    {
        if (_headers)
        {
            return attribute == "datacontenttype" && _contentTypeHeader is not null ? _contentTypeHeader : "ce-" + attribute;
        }

        var member = JsonPath.Member(attribute);
        return _batchIndex < 0 ? "$" + member : $"$[{_batchIndex}]{member}";
    }
}
