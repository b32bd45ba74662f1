using Spectre.Console;

namespace Cauce.Cli;

/// <summary>
/// What a command may touch of the outside world, injected so tests can capture output and fix "today":
/// the two output streams, the working folder and the clock.
/// </summary>
internal sealed class CliContext
{
    public CliContext(TextWriter stdout, TextWriter stderr, string workingDirectory, TimeProvider clock, bool interactive)
    {
        StdOut = stdout;
        StdErr = stderr;
        WorkingDirectory = Path.GetFullPath(workingDirectory);
        Clock = clock;
        Interactive = interactive;
        Out = MakeConsole(stdout, interactive);
        Err = MakeConsole(stderr, interactive);
    }

    /// <summary>Human output: results and summaries.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Diagnostics and progress, kept off stdout so that <c>--json</c> output can be piped.</summary>
    public IAnsiConsole Err { get; }

    /// <summary>Raw stdout, for machine-readable output that must not pass through markup or wrapping.</summary>
    public TextWriter StdOut { get; }

    public TextWriter StdErr { get; }

    public string WorkingDirectory { get; }

    public TimeProvider Clock { get; }

    /// <summary>A person at a terminal: progress bars and colour. Otherwise plain lines, as CI logs want.</summary>
    public bool Interactive { get; }

    /// <summary>Set by <c>--verbose</c>: stack traces on errors.</summary>
    public bool Verbose { get; set; }

    /// <summary>Today in local time: the default date of hand-run commands (pipelines take theirs from params.yaml).</summary>
    public DateOnly Today => DateOnly.FromDateTime(Clock.GetLocalNow().DateTime);

    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);

    private static IAnsiConsole MakeConsole(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
            console.Profile.Width = 1000; // logs keep each message on one line
        return console;
    }
}
