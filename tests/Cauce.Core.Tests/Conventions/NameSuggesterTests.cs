using Cauce.Core.Conventions;

namespace Cauce.Core.Tests.Conventions;

public class NameSuggesterTests
{
    [Theory]
    [InlineData("Clientes_RAW_2025-09-30.csv", DataPhase.Raw, "clientes_raw_20250930.csv")]
    [InlineData("Clientes_RAW_2025_09_30.csv", DataPhase.Raw, "clientes_raw_20250930.csv")]
    [InlineData("clientes_30-09-2025.csv", DataPhase.Raw, "clientes_raw_20250930.csv")]
    [InlineData("clientes_20250930.csv", DataPhase.Interim, "clientes_interim_20250930.csv")]
    [InlineData("Clientes RAW 2025-09-30.CSV", DataPhase.Raw, "clientes_raw_20250930.csv")]
    [InlineData("Mis Clientes_raw_20250930.CSV", DataPhase.Raw, "mis-clientes_raw_20250930.csv")]
    [InlineData("Clientes Españoles_raw_20250930.csv", DataPhase.Raw, "clientes-espanoles_raw_20250930.csv")]
    [InlineData("clientes_train_processed_20251002.csv", DataPhase.Processed, "clientes-train_processed_20251002.csv")]
    public void A_dataset_name_is_repaired_when_the_intent_is_clear(string name, DataPhase folder, string expected) =>
        Assert.Equal(expected, NameSuggester.ForDataset(name, folder));

    [Theory]
    [InlineData("clientes_raw.csv")] // no date: it would have to be invented
    [InlineData("clientes_raw_20250230.csv")] // not a real date
    [InlineData("raw_20250930.csv")] // no dataset
    [InlineData("clientes_raw_20250930.xlsx")] // another format cannot be renamed into CSV
    public void No_dataset_suggestion_where_a_field_would_be_invented(string name) =>
        Assert.Null(NameSuggester.ForDataset(name, DataPhase.Raw));

    [Theory]
    [InlineData("1_EDA_JV.ipynb", "01_eda_jv.ipynb")]
    [InlineData("03_Training RF_mg.ipynb", "03_training-rf_mg.ipynb")]
    public void A_notebook_name_is_repaired(string name, string expected) =>
        Assert.Equal(expected, NameSuggester.ForNotebook(name));

    [Theory]
    [InlineData("eda_jv.ipynb")]
    [InlineData("100_eda_jv.ipynb")]
    [InlineData("01_eda.ipynb")]
    public void No_notebook_suggestion_without_order_or_author(string name) =>
        Assert.Null(NameSuggester.ForNotebook(name));

    [Theory]
    [InlineData("Distribución_Clientes_RAW_2025-09-30.PNG", "distribucion_clientes_raw_20250930.png")]
    [InlineData("matriz_confusion_clientes_20251002.png", "matriz-confusion_clientes_20251002.png")]
    public void A_figure_name_is_repaired(string name, string expected) =>
        Assert.Equal(expected, NameSuggester.ForFigure(name));

    [Theory]
    [InlineData("rf_clientes_v01.zip", "rf_clientes_v1.zip")]
    [InlineData("RandomForest_Clientes_V2.zip", "rf_clientes_v2.zip")]
    [InlineData("xgboost_ventas_3.json", "xgb_ventas_v3.json")]
    [InlineData("lr_mis_clientes_v1.onnx", "lr_mis-clientes_v1.onnx")]
    public void A_model_name_is_repaired(string name, string expected) =>
        Assert.Equal(expected, NameSuggester.ForModel(name));

    [Theory]
    [InlineData("rf_clientes_v0.zip")]
    [InlineData("knn_clientes_v1.zip")]
    [InlineData("rf_clientes_v1.pkl")]
    public void No_model_suggestion_for_version_zero_or_unknown_algorithms(string name) =>
        Assert.Null(NameSuggester.ForModel(name));
}
