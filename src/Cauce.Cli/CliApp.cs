using System.CommandLine;
using Cauce.Cli.Commands;
using Cauce.Core.Errors;
using Spectre.Console;

namespace Cauce.Cli;

/// <summary>
/// The <c>cauce</c> command: builds the command tree and runs it. This is the one place where errors become
/// <c>error:</c>/<c>hint:</c> lines and exit codes (<see cref="ExitCode"/>).
/// </summary>
internal sealed class CliApp(CliContext context)
{
    /// <summary>The global <c>--verbose</c> option: stack traces on errors.</summary>
    public static readonly Option<bool> VerboseOption = new("--verbose")
    {
        Description = "Show the stack trace when a command fails",
        Recursive = true,
    };

    public CliContext Context { get; } = context;

    public static CliApp ForConsole()
    {
        var interactive = !Console.IsErrorRedirected && !Console.IsOutputRedirected
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        return new CliApp(new CliContext(Console.Out, Console.Error, Environment.CurrentDirectory, TimeProvider.System, interactive));
    }

    public RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "Cauce: the life of a tabular ML project in .NET — course layout and naming conventions, " +
            "DVC-compatible data versioning, preparation, EDA, training, evaluation and inference.");
        root.Options.Add(VerboseOption);
        root.Subcommands.Add(InitCommand.Create(Context));
        root.Subcommands.Add(CheckCommand.Create(Context));
        root.Subcommands.Add(SampleCommand.Create(Context));
        root.Subcommands.Add(EdaCommand.Create(Context));
        root.Subcommands.Add(ValidateCommand.Create(Context));
        root.Subcommands.Add(PrepareCommand.Create(Context));
        root.Subcommands.Add(SplitCommand.Create(Context));
        root.Subcommands.Add(TrainCommand.Create(Context));
        root.Subcommands.Add(EvaluateCommand.Create(Context));
        root.Subcommands.Add(ModelsCommand.Create(Context));
        root.Subcommands.Add(RunsCommand.Create(Context));
        root.Subcommands.Add(MetricsCommand.Create(Context));
        root.Subcommands.Add(PredictCommand.Create(Context));
        root.Subcommands.Add(ServeCommand.Create(Context));
        root.Subcommands.Add(ExportCommand.Create(Context));
        root.Subcommands.Add(DemoCommand.Create(Context));
        return root;
    }

    public async Task<int> RunAsync(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // let the command unwind and clean up its temporary files
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await RunAsync(args, interrupt.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        Context.Verbose = args.Contains(VerboseOption.Name);
        var configuration = new InvocationConfiguration
        {
            Output = Context.StdOut,
            Error = Context.StdErr,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        try
        {
            var parsed = BuildRoot().Parse(args);
            if (parsed.Errors.Count > 0)
                return ReportUsageError(parsed);
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return Report(e, cancellationToken);
        }
    }

    private int ReportUsageError(ParseResult parsed)
    {
        var command = string.Join(' ', parsed.CommandResult.Command.Parents.OfType<Command>().Reverse().Skip(1).Select(c => c.Name).Append(parsed.CommandResult.Command.Name));
        var message = parsed.Errors[0].Message;
        if (parsed.Errors.Count > 1 && message.StartsWith("Required command was not provided", StringComparison.Ordinal))
            message = parsed.Errors[1].Message;
        PrintError(OneLine(message), $"run '{(parsed.CommandResult.Command is RootCommand ? "cauce" : "cauce " + command)} --help' to see what it takes");
        return (int)ExitCode.Usage;
    }

    /// <summary>System.CommandLine lists choices on lines of their own; an error is one line.</summary>
    private static string OneLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 1 ? lines[0] : lines[0] + " " + string.Join(", ", lines[1..]);
    }

    private int Report(Exception error, CancellationToken cancellationToken)
    {
        switch (error)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                PrintError("interrupted; nothing half-written was left behind", null);
                return (int)ExitCode.Interrupted;
            case CauceException cauce:
                PrintError(cauce.Message, cauce.Hint);
                PrintStack(error);
                return (int)cauce.ExitCode;
            case UnauthorizedAccessException or IOException:
                PrintError(error.Message, "check that the path exists and that you may write there");
                PrintStack(error);
                return (int)ExitCode.Failure;
            default:
                PrintError($"unexpected {error.GetType().Name}: {error.Message}", Context.Verbose ? null : "run again with --verbose for the details, and report it as a bug");
                PrintStack(error);
                return (int)ExitCode.Failure;
        }
    }

    private void PrintError(string message, string? hint)
    {
        Context.Err.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        if (hint is not null)
            Context.Err.MarkupLine($"[yellow]hint:[/] {Markup.Escape(hint)}");
    }

    private void PrintStack(Exception error)
    {
        if (Context.Verbose)
            Context.StdErr.WriteLine(error.ToString());
    }
}
