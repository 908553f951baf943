namespace Dashboard.JsonSchema.Tests.Conformance;

/// <summary>Suite cases that cannot pass by design, each with its reason.</summary>
internal static class SkipList
{
    public const string RemoteMetaSchema =
        "needs the remote draft 2020-12 meta-schema (https://json-schema.org/draft/2020-12/schema); only references within the document are supported";

    private static readonly Dictionary<(string File, string Group), string> _groups = new()
    {
        [("ref.json", "remote ref, containing refs itself")] = RemoteMetaSchema,
        [("defs.json", "validate definition against metaschema")] = RemoteMetaSchema,
    };

    public static IReadOnlyDictionary<(string File, string Group), string> Groups => _groups;

    public static string? ReasonFor(SuiteCase testCase) =>
        _groups.TryGetValue((testCase.File, testCase.Group), out var reason) ? reason : null;
}
