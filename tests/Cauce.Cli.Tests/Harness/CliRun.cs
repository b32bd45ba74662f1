namespace Cauce.Cli.Tests.Harness;

/// <summary>What one run of <c>cauce</c> gave back.</summary>
public sealed record CliRun(int ExitCode, string Out, string Err)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Err}";
}
