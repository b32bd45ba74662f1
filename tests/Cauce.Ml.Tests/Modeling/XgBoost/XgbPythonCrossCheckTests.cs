using System.Security.Cryptography;
using Cauce.Ml.Modeling.XgBoost;

namespace Cauce.Ml.Tests.Modeling.XgBoost;

/// <summary>
/// The binding drives the real library the way XGBoost's Python package does: same trees, same predictions, same
/// model bytes. The pinned values were computed once with Debian's python3-xgboost 1.7.4 (/usr/bin/python3) on the
/// data of <see cref="CrossCheckSet"/> and the parameters of each test, 20 rounds:
/// <code>
/// x = np.array(..., dtype=np.float32)                      # CrossCheckSet's matrix, NaN where missing
/// d = xgb.DMatrix(x, label=y, missing=np.nan)
/// bst = xgb.train(params, d, num_boost_round=20)           # params: strings, exactly as in the test
/// bst.predict(xgb.DMatrix(x, missing=np.nan))[0::10]       # the pinned predictions
/// bst.set_attr(best_iteration=None, best_ntree_limit=None)
/// hashlib.sha256(bytes(bst.save_raw("json"))).hexdigest()  # the pinned model hash
/// </code>
/// <c>xgb.train</c> stores two attributes of its own in the model (best_iteration, best_ntree_limit), hence the
/// <c>set_attr</c>; without them its JSON is byte-identical to ours, as is what a plain <c>xgb.Booster(params, [d])</c>
/// with <c>bst.update(d, i)</c> for i in 0..19 saves — the very calls the binding makes.
/// </summary>
public sealed class XgbPythonCrossCheckTests
{
    private const int Rows = 120;
    private const int Columns = 4;

    private static readonly Dictionary<string, string> Common = new()
    {
        ["max_depth"] = "3",
        ["eta"] = "0.3",
        ["nthread"] = "1",
        ["seed"] = "0",
        ["tree_method"] = "exact",
    };

    [XgboostFact(PinnedTo = "1.7.4")]
    public void Binary_logistic_matches_python_xgboost()
    {
        var (features, binary, _) = CrossCheckSet();
        var parameters = new Dictionary<string, string>(Common) { ["objective"] = "binary:logistic" };

        using var booster = XgbBooster.Train(features, Rows, Columns, binary, parameters, rounds: 20);

        float[] python =
        [
            0.7656905651092529f, 0.9570168852806091f, 0.009425599128007889f, 0.04617075249552727f,
            0.959036648273468f, 0.9597923159599304f, 0.02240275777876377f, 0.042954739183187485f,
            0.9676380157470703f, 0.019598593935370445f, 0.05305914208292961f, 0.32298412919044495f,
        ];
        AssertClose(python, EveryTenthRow(booster.Predict(features, Rows, Columns)));
        Assert.Equal("6c72d6180edfb314a3f435f1d0b49a2b626794dd4c315c71ae29cadd86c3bf0e", Sha256(booster.Save()));
    }

    // Row and column sampling draw from XGBoost's seeded generator: equal results mean the calls reach it in the same order.
    [XgboostFact(PinnedTo = "1.7.4")]
    public void Regression_with_row_and_column_sampling_matches_python_xgboost()
    {
        var (features, _, regression) = CrossCheckSet();
        var parameters = new Dictionary<string, string>(Common)
        {
            ["objective"] = "reg:squarederror",
            ["subsample"] = "0.8",
            ["colsample_bytree"] = "0.8",
        };

        using var booster = XgbBooster.Train(features, Rows, Columns, regression, parameters, rounds: 20);

        float[] python =
        [
            3.298332929611206f, 6.881664276123047f, -0.8907225131988525f, -8.504060745239258f,
            13.987601280212402f, 6.781574249267578f, -0.997404932975769f, -6.785595417022705f,
            4.212047576904297f, 6.850992202758789f, -0.9069421291351318f, -8.579763412475586f,
        ];
        AssertClose(python, EveryTenthRow(booster.Predict(features, Rows, Columns)));
        Assert.Equal("db575525436b7642169919efc1c45f1ad6f9367e1ede12df397b28db5e1227fd", Sha256(booster.Save()));
    }

    /// <summary>
    /// 120 × 4 values in [-5, 5], multiples of 1/4 (exact in float32 and in both languages, so no libm can differ),
    /// with a NaN wherever (7i + 3j) mod 17 = 0. Binary label: x0 + x1/2 − x2 > 0 (NaN as 0), flipped on every 11th row;
    /// regression label: 2·x0 − x1 + (i mod 5)/4.
    /// </summary>
    private static (float[] Features, float[] Binary, float[] Regression) CrossCheckSet()
    {
        var features = new float[Rows * Columns];
        var binary = new float[Rows];
        var regression = new float[Rows];
        for (var i = 0; i < Rows; i++)
        {
            var z = new double[Columns];
            for (var j = 0; j < Columns; j++)
            {
                if (((i * 7) + (j * 3)) % 17 == 0)
                {
                    features[(i * Columns) + j] = float.NaN;
                }
                else
                {
                    z[j] = ((((i * ((2 * j) + 3)) + (5 * j * j) + 1) % 41) / 4.0) - 5.0;
                    features[(i * Columns) + j] = (float)z[j];
                }
            }

            var positive = z[0] + (0.5 * z[1]) - z[2] > 0;
            binary[i] = positive != (i % 11 == 0) ? 1 : 0;
            regression[i] = (float)((2 * z[0]) - z[1] + (0.25 * (i % 5)));
        }

        return (features, binary, regression);
    }

    private static float[] EveryTenthRow(float[] predictions) => [.. predictions.Where((_, row) => row % 10 == 0)];

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 1e-5f);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
