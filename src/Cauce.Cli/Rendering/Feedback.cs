using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Cauce.Cli.Rendering;

/// <summary>
/// Progress for long work: a live bar on a terminal, and on a log (CI, a pipe) plain lines at most every
/// few seconds, so logs stay short and readable. Both go to stderr, away from results.
/// </summary>
internal static class Feedback
{
    private static readonly TimeSpan PlainLineInterval = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="work"/>, which reports how many of <paramref name="total"/> <paramref name="unit"/> are done.</summary>
    public static async Task<T> WithProgressAsync<T>(CliContext context, string description, long total, string unit, Func<IProgress<long>, Task<T>> work)
    {
        if (context.Interactive)
        {
            return await context.Err.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progressContext =>
                {
                    var task = progressContext.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1));
                    var result = await work(new Progress<long>(done => task.Value = done)).ConfigureAwait(false);
                    task.Value = task.MaxValue;
                    return result;
                }).ConfigureAwait(false);
        }

        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        var reporter = new SynchronousProgress(done =>
        {
            if (clock.Elapsed - last < PlainLineInterval || done >= total)
                return;
            last = clock.Elapsed;
            context.StdErr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{description}: {done:N0}/{total:N0} {unit} ({100.0 * done / Math.Max(total, 1):F0}%)"));
        });
        return await work(reporter).ConfigureAwait(false);
    }

    /// <summary>Reports on the caller's thread: plain lines come out in order, with no thread-pool hop per report.</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
