using System.Diagnostics;

namespace Dashboard.IntegrationTests.Faults;

/// <summary>
/// A tmpfs of a fixed size mounted on a temp folder (needs root and permission to mount), so a test can fill the
/// data folder's disk for real. <see cref="TryMount"/> answers why when mounting is not possible.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    public static SmallDisk? TryMount(int megabytes, out string reason)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dashboard-tests", "tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            reason = $"mounting a tmpfs is not permitted here (mount exited {code}: {output.Trim()})";
            return null;
        }

        reason = "";
        return new SmallDisk(path);
    }

    /// <summary>Writes a filler file until the disk is full; returns its path.</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler.bin");
        var block = new byte[64 * 1024];
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // ENOSPC: the disk is full.
        }

        return filler;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
