namespace Cauce.Ml.Modeling.Training;

/// <summary>
/// A fitted learner that scores rows already written by a <see cref="FeatureEncoding"/>: a dense row-major matrix of
/// <see cref="Columns"/> floats a row. A Cauce model that is not an ML.NET transformer is an encoding and one of
/// these (XGBoost's or LightGBM's booster, Cauce's logistic regression or random forest), saved side by side in the model zip.
/// </summary>
internal interface IMatrixPredictor : IDisposable
{
    /// <summary>The columns a row of the matrix has.</summary>
    int Columns { get; }

    /// <summary>The model zip's entry that holds this learner.</summary>
    string Entry { get; }

    /// <summary>The learner as the bytes of <see cref="Entry"/>: the same model gives the same bytes.</summary>
    byte[] Save();

    /// <summary>
    /// Scores <paramref name="rows"/> rows of <paramref name="matrix"/> into <paramref name="scores"/>, in the layout
    /// of <see cref="Scores"/>: P(positive) a row (binary), the class probabilities a row (multiclass), or the value.
    /// </summary>
    void Predict(ReadOnlyMemory<float> matrix, int rows, Memory<double> scores);
}
