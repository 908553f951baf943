namespace Dashboard.CloudEvents;

/// <summary>Validates an event built in code against the same rules the readers apply.</summary>
internal static class CloudEventValidator
{
    public static IReadOnlyList<CloudEventError> Validate(CloudEvent cloudEvent)
    {
        var errors = new ErrorCollector();
        var paths = AttributePaths.Json();
        AttributeRules.CheckCore(errors, paths, cloudEvent.Id, cloudEvent.Source, cloudEvent.Type);
        AttributeRules.CheckOptional(errors, paths, cloudEvent.DataContentType, cloudEvent.DataSchema, cloudEvent.Subject);
        foreach (var (name, value) in cloudEvent.Extensions)
        {
            if (!ExtensionAttributes.IsValidName(name) || ExtensionAttributes.IsReserved(name))
            {
                errors.Add("$" + JsonPath.Member(name), AttributeRules.InvalidExtensionName(name));
            }
            else if (value is not (string or bool or int))
            {
                errors.Add(paths.Of(name), "extension values must be a string, boolean or integer");
            }
        }

        return errors.ToArray();
    }
}
