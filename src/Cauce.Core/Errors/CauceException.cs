namespace Cauce.Core.Errors;

/// <summary>
/// The root of every error Cauce reports to a user. The message says what went wrong and where;
/// <see cref="Hint"/> says how to fix it, when that is known; <see cref="ExitCode"/> is what the process returns.
/// </summary>
public class CauceException : Exception
{
    public CauceException(string message, string? hint = null, ExitCode exitCode = ExitCode.Failure, Exception? inner = null)
        : base(message, inner)
    {
        Hint = hint;
        ExitCode = exitCode;
    }

    /// <summary>How to fix it, in one line, or null when no fix is known.</summary>
    public string? Hint { get; }

    /// <summary>The exit code the command ends with.</summary>
    public ExitCode ExitCode { get; }

    /// <summary>The command line was wrong in a way the parser cannot see (a value out of range, a bad combination).</summary>
    public static CauceException Usage(string message, string? hint = null) => new(message, hint, ExitCode.Usage);
}

/// <summary>The command needs a project and the folder is not inside one.</summary>
public sealed class NotAProjectException(string startFolder)
    : CauceException(
        $"not inside a Cauce project: no .dvc folder in '{startFolder}' or any folder above it",
        "run 'cauce init' to make one here, or 'cd' into an existing project",
        ExitCode.NotAProject)
{
    public string StartFolder { get; } = startFolder;
}
