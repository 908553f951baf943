namespace Dashboard.Testing;

public static class RepositoryRoot
{
    /// <summary>The folder holding the solution file, found by walking up from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Dashboard.sln")) || File.Exists(System.IO.Path.Combine(dir.FullName, "Dashboard.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Dashboard.sln or Dashboard.slnx above {AppContext.BaseDirectory}.");
    }
}
