namespace Cauce.Core.Errors;

/// <summary>The process exit codes of every <c>cauce</c> command: the one table, used in one place.</summary>
public enum ExitCode
{
    /// <summary>The command did its work and found nothing wrong.</summary>
    Ok = 0,

    /// <summary>The work failed or found problems: lint violations, a failed stage, invalid data.</summary>
    Failure = 1,

    /// <summary>The command line itself was wrong: unknown command, missing or malformed argument.</summary>
    Usage = 2,

    /// <summary>The command needs a Cauce project and none was found from the working folder up.</summary>
    NotAProject = 3,

    /// <summary>The user interrupted the command (Ctrl+C).</summary>
    Interrupted = 130,
}
