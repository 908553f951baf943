using System.Globalization;

namespace Dashboard.CloudEvents;

/// <summary>Binary content mode, shared by HTTP and NATS: attributes in <c>ce-</c> headers, data in the body.</summary>
internal static class BinaryModeDecoder
{
    /// <param name="contentType">The transport Content-Type, used as datacontenttype unless <c>ce-datacontenttype</c> is given.</param>
    /// <param name="contentTypeHeader">The header name that carries <paramref name="contentType"/>, for error paths.</param>
    public static CloudEventDecodeResult Decode(
        IEnumerable<KeyValuePair<string, string>> headers, string? contentType, string contentTypeHeader, ReadOnlyMemory<byte> body, CloudEventReaderOptions? options)
    {
        var parser = JsonEventParser.Rent(options);
        try
        {
            var builder = parser.Builder;
            var errors = parser.Errors;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, raw) in headers)
            {
                if (key.Length > 3 && key.StartsWith("ce-", StringComparison.OrdinalIgnoreCase))
                {
                    var name = key[3..].ToLowerInvariant();
                    var path = "ce-" + name;
                    if (!seen.Add(name))
                    {
                        errors.Add(path, "duplicate header");
                    }
                    else if (HeaderValueCodec.TryDecode(raw, out var value) is { } problem)
                    {
                        errors.Add(path, problem);
                        builder.Rejected.Add(name);
                    }
                    else
                    {
                        SetAttribute(parser, name, path, value, options);
                    }
                }
            }

            if (contentType is not null)
            {
                if (builder.DataContentType is not null && builder.DataContentType != contentType)
                {
                    errors.Add("ce-datacontenttype", $"conflicts with {contentTypeHeader} '{contentType}'");
                }

                builder.DataContentType = contentType;
            }

            if (!body.IsEmpty)
            {
                var isJson = MediaType.IsJson(builder.DataContentType);
                if (isJson)
                {
                    parser.CheckJson(body);
                }

                var bytes = body.ToArray();
                builder.Data = isJson ? CloudEventData.FromJson(bytes) : CloudEventData.FromBytes(bytes);
            }

            var cloudEvent = builder.Build(errors, AttributePaths.Headers(contentType is null ? null : contentTypeHeader), 0);
            return new CloudEventDecodeResult(CloudEventContentMode.Binary, cloudEvent is null ? [] : [cloudEvent], errors.ToArray());
        }
        finally
        {
            parser.Return();
        }
    }

    public static bool HasCloudEventHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        foreach (var (key, _) in headers)
        {
            if (key.Length > 3 && key.StartsWith("ce-", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static void SetAttribute(JsonEventParser parser, string name, string path, string value, CloudEventReaderOptions? options)
    {
        var builder = parser.Builder;
        switch (name)
        {
            case "specversion": builder.SpecVersion = value; break;
            case "id": builder.Id = value; break;
            case "source": builder.Source = value; break;
            case "type": builder.Type = value; break;
            case "subject": builder.Subject = value; break;
            case "time": builder.Time = value; break;
            case "dataschema": builder.DataSchema = value; break;
            case "datacontenttype": builder.DataContentType = value; break;
            default: SetExtension(parser, name, path, value, options); break;
        }
    }

    private static void SetExtension(JsonEventParser parser, string name, string path, string value, CloudEventReaderOptions? options)
    {
        if (!ExtensionAttributes.IsValidName(name) || ExtensionAttributes.IsReserved(name))
        {
            parser.Errors.Add(path, AttributeRules.InvalidExtensionName(name));
            return;
        }

        object typed = value;
        string? problem = null;
        switch (options?.ExtensionTypes?.TryGetValue(name, out var type) == true ? type : CloudEventAttributeType.String)
        {
            case CloudEventAttributeType.Boolean:
                problem = value is "true" or "false" ? null : "must be 'true' or 'false'";
                typed = value == "true";
                break;
            case CloudEventAttributeType.Integer:
                problem = int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? null : "must be a 32-bit integer";
                typed = number;
                break;
            case var declared:
                problem = ExtensionAttributes.CheckString(value, declared);
                break;
        }

        if (problem is not null)
        {
            parser.Errors.Add(path, problem);
            return;
        }

        parser.Builder.AddExtension(name, typed);
    }
}
