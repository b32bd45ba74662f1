namespace Cauce.Core.Conventions;

/// <summary>One file that breaks one naming rule.</summary>
/// <param name="Path">The file, relative to the project root, with '/' separators.</param>
/// <param name="Rule">The rule's id (see <see cref="Rules"/>).</param>
/// <param name="Message">What is wrong, precisely.</param>
/// <param name="Suggestion">A valid path for the file, relative to the root, when one can be derived.</param>
public sealed record Violation(string Path, string Rule, string Message, string? Suggestion);

/// <summary>The ids of the naming rules, as <c>cauce check</c> reports them.</summary>
public static class Rules
{
    public const string DatasetName = "dataset-name";
    public const string DatasetFolder = "dataset-folder";
    public const string NotebookName = "notebook-name";
    public const string FigureName = "figure-name";
    public const string ModelName = "model-name";
    public const string UnexpectedFile = "unexpected-file";
}

/// <summary>What a check found: every violation, and how many files it looked at.</summary>
public sealed record CheckReport(IReadOnlyList<Violation> Violations, int FilesChecked)
{
    public bool IsClean => Violations.Count == 0;
}
