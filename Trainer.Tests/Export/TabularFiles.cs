using System.Globalization;
using System.Text;

namespace NeuralNet.Tests.Export;

/// <summary>Small tables made by the tests, shaped like the ones users bring: an ID column, text categories, missing
/// values, a ';' file with decimal commas, imbalanced text classes. Seeded, so every run writes the same file.</summary>
public static class TabularFiles
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Titanic-like: PassengerId (increasing: ID-like), Pclass, Sex, Age (a fifth missing), SibSp, Fare,
    /// Embarked (some missing), Cabin (mostly missing), Survived yes/no.</summary>
    public static string Passengers(int rows, int seed, int firstId = 1)
    {
        var random = new Random(seed);
        var text = new StringBuilder("PassengerId,Pclass,Sex,Age,SibSp,Fare,Embarked,Cabin,Survived\n");
        for (int i = 0; i < rows; i++)
        {
            int pclass = random.Next(1, 4);
            bool female = random.NextDouble() < 0.4;
            double age = 5 + random.NextDouble() * 60;
            string ageText = random.NextDouble() < 0.2 ? "" : age.ToString("0.0", Invariant);
            string embarked = random.NextDouble() < 0.05 ? "" : new[] { "S", "C", "Q" }[random.Next(3)];
            string cabin = random.NextDouble() < 0.75 ? "" : $"{"ABCDE"[random.Next(5)]}{random.Next(1, 4)}";
            double fare = (4 - pclass) * 10 + random.NextDouble() * 20;
            double score = (female ? 1.5 : -1) + (2 - pclass) * 0.8 - (age - 30) / 30 + (random.NextDouble() - 0.5);
            text.Append(Invariant, $"{firstId + i},{pclass},{(female ? "female" : "male")},{ageText},{random.Next(0, 4)},{fare.ToString("0.00", Invariant)},{embarked},{cabin},{(score > 0 ? "yes" : "no")}\n");
        }
        return text.ToString();
    }

    /// <summary>A regression table whose numeric columns x0 and x1 each have one row 1,000 times too large (one
    /// negative), about 17 standard deviations out: beyond <see cref="NeuralNet.Data.Preprocessing.DefaultInputClip"/>,
    /// so the model clamps them; a text column kind and a target y in the tens.</summary>
    public static string WithOutliers(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("x0,x1,kind,y\n");
        for (int i = 0; i < rows; i++)
        {
            double x0 = random.NextDouble() * 4 - 2, x1 = random.NextDouble() * 4 - 2;
            string kind = random.NextDouble() < 0.5 ? "a" : "b";
            double y = 20 + 5 * x0 - 3 * x1 + (kind == "a" ? 4 : 0) + random.NextDouble();
            text.Append(Invariant, $"{(i == 7 ? x0 * 1000 + 3000 : x0).ToString("0.000", Invariant)},{(i == 150 ? x1 * 1000 - 3000 : x1).ToString("0.000", Invariant)},{kind},{y.ToString("0.00", Invariant)}\n");
        }
        return text.ToString();
    }

    /// <summary>';'-separated with decimal commas: x0…x3 (x1 sometimes NA), a text column region, a regression target y
    /// in the hundreds.</summary>
    public static string SemicolonRegression(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("x0;x1;x2;x3;region;y\n");
        string[] regions = ["north", "south", "east", "west"];
        for (int i = 0; i < rows; i++)
        {
            var x = Enumerable.Range(0, 4).Select(_ => random.NextDouble() * 4 - 2).ToArray();
            int region = random.Next(regions.Length);
            double y = 120 * x[0] - 40 * x[1] * x[1] + 30 * x[2] + region * 25 + random.NextDouble() * 10;
            string x1 = random.NextDouble() < 0.1 ? "NA" : Comma(x[1]);
            text.Append(Invariant, $"{Comma(x[0])};{x1};{Comma(x[2])};{Comma(x[3])};{regions[region]};{Comma(y)}\n");
        }
        return text.ToString();
    }

    /// <summary>Three imbalanced text classes (70/20/10) from five numbers and a text column.</summary>
    public static string ImbalancedColours(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("order_id,a,b,c,d,e,shape,colour\n");
        string[] shapes = ["round", "square", "long"];
        for (int i = 0; i < rows; i++)
        {
            double u = random.NextDouble();
            int colour = u < 0.7 ? 0 : u < 0.9 ? 1 : 2;
            var x = Enumerable.Range(0, 5).Select(k => random.NextDouble() + (k == colour ? 0.8 : 0)).ToArray();
            string shape = shapes[(colour + (random.NextDouble() < 0.3 ? 1 : 0)) % 3];
            text.Append(Invariant, $"A{1000 + i},{string.Join(',', x.Select(v => v.ToString("0.####", Invariant)))},{shape},{new[] { "red", "green", "blue" }[colour]}\n");
        }
        return text.ToString();
    }

    private static string Comma(double value) => value.ToString("0.####", Invariant).Replace('.', ',');
}
