namespace Dashboard.Runtime.Definitions.Yaml;

/// <summary>One problem in an import document: where it is (line, field) and what is wrong.</summary>
public sealed record ImportError(int Line, string Field, string Message)
{
    public override string ToString() => $"line {Line}, {Field}: {Message}";
}

/// <summary>What an import did or would do: each definition with "create" or "update", or the errors that stopped it.</summary>
public sealed record ImportResult(IReadOnlyList<ImportChange> Changes, IReadOnlyList<ImportError> Errors, bool Applied)
{
    public bool Succeeded => Errors.Count == 0;
}

public sealed record ImportChange(string Kind, string Name, string Action);
