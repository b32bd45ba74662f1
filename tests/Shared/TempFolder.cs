namespace Cauce.Tests.Shared;

/// <summary>A fresh folder under the system temp folder for one test, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cauce-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>The full path of <paramref name="relative"/> ('/' separated) inside the folder.</summary>
    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>Writes a file (making its folders) and returns this folder, so writes chain.</summary>
    public TempFolder Write(string relative, string content = "")
    {
        var path = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    /// <summary>Makes the folder a project root the way DVC marks one.</summary>
    public TempFolder AsProject() => Write(".dvc/config", "[core]\n");

    public string Read(string relative) => File.ReadAllText(Path(relative));

    public bool Exists(string relative) => File.Exists(Path(relative)) || Directory.Exists(Path(relative));

    /// <summary>A new temp folder holding a copy of every file of this one, for one test to change.</summary>
    public TempFolder Copy()
    {
        var copy = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            var target = copy.Path(System.IO.Path.GetRelativePath(Root, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
                File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A test's temp folder that cannot be removed is left to the OS; it must not fail the test.
        }
    }
}
