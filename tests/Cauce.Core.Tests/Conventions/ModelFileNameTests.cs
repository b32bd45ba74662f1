using Cauce.Core.Conventions;

namespace Cauce.Core.Tests.Conventions;

public class ModelFileNameTests
{
    [Theory]
    [InlineData("rf_clientes_v1.zip", "rf", "clientes", 1, ModelArtifact.Model)]
    [InlineData("xgb_ventas_v3.zip", "xgb", "ventas", 3, ModelArtifact.Model)]
    [InlineData("lgbm_clientes_v10.json", "lgbm", "clientes", 10, ModelArtifact.Card)]
    [InlineData("lr_clientes_v2.onnx", "lr", "clientes", 2, ModelArtifact.Onnx)]
    [InlineData("linreg_ventas-por-dia_v1.zip", "linreg", "ventas-por-dia", 1, ModelArtifact.Model)]
    public void Template_and_edge_names_are_valid(string name, string algo, string dataset, int version, ModelArtifact artifact)
    {
        var parsed = ModelFileName.Parse(name);

        Assert.Equal(algo, parsed.Algo);
        Assert.Equal(dataset, parsed.Dataset);
        Assert.Equal(version, parsed.Version);
        Assert.Equal(artifact, parsed.Artifact);
        Assert.Equal(name, parsed.FileName);
    }

    [Theory]
    [InlineData("rf_clientes_v0.zip", "versions start at v1")]
    [InlineData("rf_clientes_v00.zip", "versions start at v1")]
    [InlineData("rf_clientes_v01.zip", "leading zero: write v1")]
    [InlineData("rf_clientes_1.zip", "not 'v' followed by a number")]
    [InlineData("rf_clientes_v.zip", "not 'v' followed by a number")]
    [InlineData("rf_clientes_V1.zip", "not 'v' followed by a number")]
    [InlineData("randomforest_clientes_v1.zip", "not in the catalog (rf, xgb, lgbm, gbt, lr, linreg, svm)")]
    [InlineData("rf_clientes.zip", "expected 3 fields")]
    [InlineData("rf_clientes_v1.pkl", "the extension is '.pkl'")]
    [InlineData("rf_Clientes_v1.zip", "upper-case")]
    [InlineData("rf_clientes_v99999999999.zip", "too large")]
    public void Broken_names_say_why(string name, string reason)
    {
        var result = ModelFileName.TryParse(name);

        Assert.False(result.IsValid);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Card_and_export_share_the_model_stem()
    {
        var model = new ModelFileName("rf", "clientes", 2);

        Assert.Equal("models/rf_clientes_v2.zip", model.RelativePath);
        Assert.Equal("rf_clientes_v2.json", model.As(ModelArtifact.Card).FileName);
        Assert.Equal("rf_clientes_v2.onnx", model.As(ModelArtifact.Onnx).FileName);
    }
}
