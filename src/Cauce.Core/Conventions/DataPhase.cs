namespace Cauce.Core.Conventions;

/// <summary>The three stages data goes through, each with its folder under <c>data/</c>.</summary>
public enum DataPhase
{
    Raw,
    Interim,
    Processed,
}

/// <summary>Names of the phases as they appear in file and folder names.</summary>
public static class DataPhases
{
    public static IReadOnlyList<DataPhase> All { get; } = [DataPhase.Raw, DataPhase.Interim, DataPhase.Processed];

    public static string Name(this DataPhase phase) => phase switch
    {
        DataPhase.Raw => "raw",
        DataPhase.Interim => "interim",
        DataPhase.Processed => "processed",
        _ => throw new ArgumentOutOfRangeException(nameof(phase)),
    };

    public static bool TryParse(string text, out DataPhase phase)
    {
        foreach (var candidate in All)
        {
            if (candidate.Name() == text)
            {
                phase = candidate;
                return true;
            }
        }

        phase = default;
        return false;
    }

    /// <summary>The folder of a phase relative to the project root, with '/' separators.</summary>
    public static string Folder(this DataPhase phase) => "data/" + phase.Name();
}
