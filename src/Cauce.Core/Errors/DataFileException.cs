namespace Cauce.Core.Errors;

/// <summary>A file's content is wrong: the message names the file and, where known, the line and column.</summary>
public sealed class DataFileException : CauceException
{
    private DataFileException(string path, long? line, string? column, string problem, string? hint)
        : base(Describe(path, line, column, problem), hint, ExitCode.Failure)
    {
        FilePath = path;
        Line = line;
        Column = column;
    }

    /// <summary>The file as the user knows it (relative to the working folder or project root).</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line, when the problem is on one.</summary>
    public long? Line { get; }

    /// <summary>The column's name (or 1-based number), when the problem is in one.</summary>
    public string? Column { get; }

    public static DataFileException In(string path, string problem, string? hint = null) => new(path, null, null, problem, hint);

    public static DataFileException AtLine(string path, long line, string problem, string? hint = null) => new(path, line, null, problem, hint);

    public static DataFileException AtCell(string path, long line, string column, string problem, string? hint = null) => new(path, line, column, problem, hint);

    private static string Describe(string path, long? line, string? column, string problem) =>
        (line, column) switch
        {
            (null, _) => $"{path}: {problem}",
            (_, null) => $"{path}, line {line}: {problem}",
            _ => $"{path}, line {line}, column '{column}': {problem}",
        };
}
