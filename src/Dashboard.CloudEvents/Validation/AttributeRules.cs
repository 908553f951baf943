namespace Dashboard.CloudEvents;

/// <summary>The attribute rules of CloudEvents 1.0, shared by every reader and by <see cref="CloudEvent.Validate"/>.</summary>
internal static class AttributeRules
{
    public const string Missing = "required attribute is missing";

    public static void CheckSpecVersion(ErrorCollector errors, in AttributePaths paths, string? value)
    {
        if (value is null)
        {
            errors.Add(paths.Of("specversion"), Missing);
        }
        else if (value != CloudEvent.SpecVersion10)
        {
            errors.Add(paths.Of("specversion"), $"unsupported specversion '{value}', expected '1.0'");
        }
    }

    public static void CheckCore(ErrorCollector errors, in AttributePaths paths, string? id, string? source, string? type)
    {
        CheckRequired(errors, paths, "id", id);
        CheckRequired(errors, paths, "type", type);
        if (CheckRequired(errors, paths, "source", source) && !UriSyntax.IsUriReference(source))
        {
            errors.Add(paths.Of("source"), "must be a URI-reference");
        }
    }

    public static void CheckOptional(ErrorCollector errors, in AttributePaths paths, string? dataContentType, string? dataSchema, string? subject)
    {
        if (CheckOptional(errors, paths, "datacontenttype", dataContentType) && !MediaType.IsValid(dataContentType))
        {
            errors.Add(paths.Of("datacontenttype"), "must be an RFC 2046 media type such as 'application/json'");
        }

        if (CheckOptional(errors, paths, "dataschema", dataSchema) && !UriSyntax.IsAbsoluteUri(dataSchema))
        {
            errors.Add(paths.Of("dataschema"), "must be an absolute URI");
        }

        CheckOptional(errors, paths, "subject", subject);
    }

    public static string InvalidExtensionName(string name) =>
        $"invalid attribute name '{name}': extension names are 1-{ExtensionAttributes.MaxNameLength} characters a-z or 0-9";

    private static bool CheckRequired(ErrorCollector errors, in AttributePaths paths, string name, string? value)
    {
        if (value is null)
        {
            errors.Add(paths.Of(name), Missing);
            return false;
        }

        if (value.Length == 0)
        {
            errors.Add(paths.Of(name), "must not be empty");
            return false;
        }

        return true;
    }

    private static bool CheckOptional(ErrorCollector errors, in AttributePaths paths, string name, string? value)
    {
        if (value is null)
        {
            return false;
        }

        if (value.Length == 0)
        {
            errors.Add(paths.Of(name), "must not be empty when present");
            return false;
        }

        return true;
    }
}
