namespace Dashboard.Runtime.Common;

/// <summary>Who did something: a signed-in user, an API token, or the system itself.</summary>
public sealed record Actor(string Name)
{
    public static Actor System { get; } = new("system");

    public override string ToString() => Name;
}
