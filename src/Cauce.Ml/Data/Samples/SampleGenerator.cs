using Cauce.Ml.Randomness;

namespace Cauce.Ml.Data.Samples;

/// <summary>
/// The shared part of every sample generator. It writes the header, then fresh rows one at a time. After each fresh
/// row, with probability <see cref="DuplicateRate"/>, it writes that row again as an exact duplicate, which counts
/// toward the requested rows. Generation never looks at the requested row count, so a file of N rows is the first
/// N rows of any longer file made with the same seed.
/// </summary>
internal abstract class SampleGenerator
{
    /// <summary>The share of fresh rows that are followed by an exact copy of themselves.</summary>
    public const double DuplicateRate = 0.01;

    /// <summary>Progress is reported each time this many more rows have been written.</summary>
    public const long ReportEvery = 1 << 16;

    protected SampleGenerator(SeededRandom random) => Random = random;

    /// <summary>The random source; every draw comes from it, in row order.</summary>
    protected SeededRandom Random { get; }

    /// <summary>The column names, in file order.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>Writes the next fresh row, ending it.</summary>
    public abstract void WriteRow(CsvRowWriter row);

    /// <summary>Writes the header and <paramref name="rows"/> data rows to <paramref name="output"/>; returns the rows written.</summary>
    public async Task<long> WriteAsync(long rows, Stream output, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var writer = new CsvRowWriter();
        writer.Header(Columns);
        long written = 0;
        long reported = -1;
        var nextReport = ReportEvery;
        while (written < rows)
        {
            if (writer.NeedsFlush)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.FlushAsync(output, cancellationToken).ConfigureAwait(false);
            }

            WriteRow(writer);
            written++;
            if (written < rows && Random.Bernoulli(DuplicateRate))
            {
                writer.RepeatLastRow();
                written++;
            }

            if (written >= nextReport)
            {
                progress?.Report(written);
                reported = written;
                nextReport = ((written / ReportEvery) + 1) * ReportEvery;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        await writer.FlushAsync(output, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (reported != written)
            progress?.Report(written);
        return written;
    }
}
