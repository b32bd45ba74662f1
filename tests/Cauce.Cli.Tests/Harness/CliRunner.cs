using System.Diagnostics;

namespace Cauce.Cli.Tests.Harness;

/// <summary>
/// Runs <c>cauce</c> for tests. <see cref="RunAsync"/> runs the command tree in this process with captured output
/// and a fixed "today"; <see cref="RunProcessAsync"/> starts the real executable, as a user would.
/// </summary>
public static class CliRunner
{
    /// <summary>The "today" of in-process runs: 26 November 2026.</summary>
    public static readonly DateTimeOffset Today = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    public static async Task<CliRun> RunAsync(string workingDirectory, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr, workingDirectory, new FixedClock(Today), interactive: false);
        var exit = await new CliApp(context).RunAsync(args, CancellationToken.None);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the built <c>cauce</c> executable in <paramref name="workingDirectory"/>.</summary>
    public static async Task<CliRun> RunProcessAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cauce.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>A clock stopped at one instant, in UTC.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
