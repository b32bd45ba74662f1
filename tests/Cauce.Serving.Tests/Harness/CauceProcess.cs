using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cauce.Serving.Tests.Harness;

/// <summary>What one run of <c>cauce</c> gave back.</summary>
public sealed record CauceRun(int ExitCode, string Out, string Err)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Err}";
}

/// <summary>
/// The real <c>cauce</c> executable (the cauce.dll built beside these tests), run as a user runs it. The CLI's
/// in-process runner is internal to its own tests, so this project builds its projects and serves through the process.
/// </summary>
public static class CauceProcess
{
    public static async Task<CauceRun> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CauceRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs <c>cauce</c> and throws, with its output, unless it exits 0.</summary>
    public static async Task<CauceRun> RunOkAsync(string workingDirectory, params string[] args)
    {
        var run = await RunAsync(workingDirectory, args);
        return run.ExitCode == 0 ? run : throw new InvalidOperationException($"cauce {string.Join(' ', args)} failed: {run}");
    }

    /// <summary>Starts a long-running <c>cauce</c> (serve) whose output is read line by line as it comes.</summary>
    public static RunningCauce Start(string workingDirectory, params string[] args) => new(Process.Start(StartInfo(workingDirectory, args))!);

    private static ProcessStartInfo StartInfo(string workingDirectory, string[] args)
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
        return start;
    }
}

/// <summary>A <c>cauce</c> process still running: its output so far, and a way to stop it as a service manager does.</summary>
public sealed class RunningCauce : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _out = new();
    private readonly ConcurrentQueue<string> _err = new();

    public RunningCauce(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _out.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _err.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Out => string.Join('\n', _out);

    public string Err => string.Join('\n', _err);

    /// <summary>The first output line that <paramref name="match"/> accepts; throws, with the output, if none comes in time or the process ends.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_out.FirstOrDefault(match) is { } line)
                return line;
            if (_process.HasExited)
                break;
            await Task.Delay(50);
        }

        throw new TimeoutException($"no such line from cauce (exited: {_process.HasExited})\n--- stdout\n{Out}\n--- stderr\n{Err}");
    }

    /// <summary>Sends SIGTERM, as systemd or Docker stop a service, and waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill();
        _process.Dispose();
    }
}
