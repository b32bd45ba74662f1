using System.Collections.ObjectModel;
using System.Globalization;
using Cauce.Core.Errors;

using Cauce.Ml.Randomness;

namespace Cauce.Ml.Data.Samples;

/// <summary>
/// Realistic synthetic datasets for the course: <c>clientes</c> (telco customers with a churn target) and
/// <c>ventas</c> (daily sales per store and product with a units target). Both come with the dirt real data has.
/// Output is deterministic: the same kind, row count and seed always give the same bytes, on every platform.
/// See <see cref="ClientesGenerator"/>, <see cref="VentasGenerator"/> and the README beside them for the columns and the dirt.
/// </summary>
public static class SampleData
{
    private const string Clientes = "clientes";
    private const string Ventas = "ventas";

    /// <summary>The dataset kinds, as the command line spells them.</summary>
    public static IReadOnlyList<string> Kinds { get; } = new ReadOnlyCollection<string>([Clientes, Ventas]);

    /// <summary>
    /// Writes <paramref name="rows"/> data rows (plus the header line) of the named kind as CSV (UTF-8 without a BOM,
    /// LF line endings, invariant culture) to <paramref name="output"/>, which is left open. The same kind, rows and
    /// seed give byte-identical output; a different seed gives different bytes (once there is a row); fewer rows
    /// give a prefix of the same file. Reports the rows written so far to <paramref name="progress"/> every 65,536 rows and at the end.
    /// Returns the rows written.
    /// </summary>
    /// <exception cref="CauceException">The kind is unknown or <paramref name="rows"/> is negative (exit code <see cref="ExitCode.Usage"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; part of the output may have been written.</exception>
    public static Task<long> WriteAsync(string kind, long rows, ulong seed, Stream output, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(output);
        if (rows < 0)
        {
            throw CauceException.Usage(
                string.Create(CultureInfo.InvariantCulture, $"the number of rows must be 0 or more, got {rows}"),
                "pass a whole number of rows, for example --rows 10000");
        }

        var generator = Create(kind, seed);
        if (!output.CanWrite)
            throw new ArgumentException("the output stream cannot be written to", nameof(output));
        return generator.WriteAsync(rows, output, progress, cancellationToken);
    }

    private static SampleGenerator Create(string kind, ulong seed) => kind switch
    {
        // Each kind draws from its own stream: the seed is mixed with the kind's name read as 8 ASCII bytes.
        Clientes => new ClientesGenerator(new SeededRandom(seed ^ 0x636C69656E746573)),
        Ventas => new VentasGenerator(new SeededRandom(seed ^ 0x76656E7461730000)),
        _ => throw CauceException.Usage(
            $"unknown sample dataset '{kind}': the kinds are {string.Join(", ", Kinds)}",
            $"use one of: {string.Join(", ", Kinds.Select(k => "cauce sample " + k))}"),
    };
}
