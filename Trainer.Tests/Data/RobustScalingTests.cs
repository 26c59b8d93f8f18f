using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

/// <summary>--scaling robust: (x − median) / interquartile range, smoothly clipped into (−3, 3).</summary>
public class RobustScalingTests
{
    [Test]
    public void The_centre_is_the_median_and_the_scale_the_interquartile_range_of_the_training_rows()
    {
        // Training rows 0-4: 1, 2, 3, 4, 100 (median 3, quartiles 2 and 4); row 5 (1,000) is validation and not fitted.
        var raw = PreprocessingTests.Raw([1f, 2f, 3f, 4f, 100f, 1000f], ["a", "b", "a", "b", "a", "b"]);
        var prep = Fit(raw, [0, 1, 2, 3, 4]);

        Assert.That(prep.Features[0].Mean, Is.EqualTo(3f));
        Assert.That(prep.Features[0].Scale, Is.EqualTo(2f));
        Assert.That(prep.Features[0].SoftClip, Is.EqualTo(Preprocessing.RobustClip));
    }

    [Test]
    public void Equal_quartiles_fall_back_to_half_the_range_so_the_rare_values_still_count()
    {
        // Mostly 0 (both quartiles 0): the spread is half of 0..8.
        var raw = PreprocessingTests.Raw([0f, 0f, 0f, 0f, 0f, 0f, 8f], ["a", "b", "a", "b", "a", "b", "a"]);
        var prep = Fit(raw, [0, 1, 2, 3, 4, 5, 6]);
        Assert.That(prep.Features[0].Mean, Is.EqualTo(0f));
        Assert.That(prep.Features[0].Scale, Is.EqualTo(4f));
    }

    [Test]
    public void A_constant_column_is_centred_and_left_unscaled()
    {
        var raw = PreprocessingTests.Raw([5f, 5f, 5f], ["a", "b", "a"]);
        var prep = Fit(raw, [0, 1, 2]);
        Assert.That(prep.Features[0].Mean, Is.EqualTo(5f));
        Assert.That(prep.Features[0].Scale, Is.EqualTo(1f));
    }

    [TestCase(0f, 0f)]
    [TestCase(3f, 2.12132034f)]       // 3 / √2
    [TestCase(-30f, -2.98511172f)]    // −30 / √101
    [TestCase(1e30f, 3f)]
    public void The_smooth_clip_keeps_small_values_and_bounds_large_ones(float z, float expected) =>
        Assert.That(FeatureEncoding.Clip(z, 3f), Is.EqualTo(expected).Within(1e-6f));

    [Test]
    public void An_outlier_row_is_encoded_inside_the_clip_bound()
    {
        var raw = PreprocessingTests.Raw([1f, 2f, 3f, 4f, 5f, 1e6f], ["a", "b", "a", "b", "a", "b"]);
        var prep = Fit(raw, [0, 1, 2, 3, 4]);
        var encoded = prep.Apply(raw, [0, 2, 5], UnknownCategoryPolicy.Error);
        Assert.That(encoded.Sample(1)[0], Is.Zero);
        Assert.That(encoded.Sample(0)[0], Is.EqualTo(FeatureEncoding.Clip(-1f, 3f)));
        Assert.That(encoded.Sample(2)[0], Is.GreaterThan(2.99f).And.AtMost(3f));
    }

    private static Preprocessing Fit(RawData raw, int[] trainRows) =>
        Preprocessing.Fit(raw, TaskKind.Classification, raw.Features, [], trainRows, trainRows, TargetAnalysis.ClassNames(raw, trainRows),
            MissingValuePolicy.Error, NumericScaling.Robust);
}
