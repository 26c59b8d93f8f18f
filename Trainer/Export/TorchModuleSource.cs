using NeuralNet.Data;
using static NeuralNet.PyTorch.PythonLiteral;

namespace NeuralNet.Export;

/// <summary>
/// The Python module of a PyTorch export: the network as an nn.Sequential (build), reading its weights (load), the
/// preprocessing constants and what applies them as predict does (encode, predict), and what training needs (targets,
/// loss_function). It needs only torch; the module is ASCII, every name and category escaped.
/// </summary>
public static class TorchModuleSource
{
    /// <param name="weightsName">The safetensors file's name; the module reads it from its own folder.</param>
    public static string Write(TorchNetwork network, Preprocessing prep, string modelName, string weightsName)
    {
        bool classification = prep.Task == TaskKind.Classification;
        string stem = Path.GetFileNameWithoutExtension(weightsName);
        string features = string.Join("", prep.Features.Select(f => f.IsCategorical
            ? $"\n    {{\"name\": {String(f.Name)}, \"categorical\": True, \"categories\": {Strings(f.Categories)}, \"missing_category\": {(f.MissingCategory ? "True" : "False")}, \"fill\": {OptionalString(f.FillCategory)}}},"
            : $"\n    {{\"name\": {String(f.Name)}, \"categorical\": False, \"mean\": {Number(f.Mean)}, \"scale\": {Float(f.Scale)}, \"fill\": {(f.Fill is { } fill ? Number(fill) : "None")}}},"));
        bool fills = prep.Missing is MissingValuePolicy.Mean or MissingValuePolicy.Median;
        string classes = string.Concat(network.Classes.Select(source => source.TrimEnd() + "\n\n\n"));
        string modules = string.Concat(network.Modules.Select(module => $"\n        {module},"));
        string unknown = (prep.UnknownCategory ?? UnknownCategoryPolicy.Error) == UnknownCategoryPolicy.Ignore ? "ignore" : "error";
        return $$""""
            """A NeuralNet model for PyTorch, exported from {{Docstring(modelName)}} by `neuralnet export --format safetensors`.

            build() is the network as an nn.Sequential; {{Docstring(weightsName)}} holds its trained weights, named as its state dict
            ("0.weight", ...). The preprocessing the model was trained with is below, and encode(rows) applies it as the
            trainer's predict does. Rows are mappings of column name to value (csv.DictReader's rows, or
            DataFrame.to_dict("records")): a number, or text as a CSV cell holds it.

                import {{stem}} as exported
                model = exported.load()                           # trained weights, eval mode
                answers = exported.predict(model, rows)           # as the trainer's predict
                model.train()                                     # or go on training:
                loss = exported.loss_function()(model(exported.encode(rows)), exported.targets(rows))

            The loss is the trainer's: {{(classification ? "softmax cross-entropy on the outputs (logits), the mean over the batch" : "the mean squared error of the standardised targets")}}.
            """

            import json
            import math
            import os
            import struct
            import sys

            import torch
            from torch import nn

            TASK = {{String(classification ? "classification" : "regression")}}

            # The model's inputs, in order. A numeric column is one input, (value - mean) / scale; a missing value takes the
            # fill (None: the model was trained without one). A text column is a one-hot block over its categories, and one
            # more input, last, when missing values were a category of their own in training ("missing_category").
            FEATURES = [{{features}}
            ]

            # A numeric input is clamped to [-INPUT_CLIP, INPUT_CLIP] standard deviations (None: not clamped).
            INPUT_CLIP = {{(prep.InputClip is { } clip ? Float(clip) : "None")}}

            # Besides None, NaN and the empty text, these values mean "missing" (matched exactly, spaces and tabs around
            # trimmed, as the trainer reads a CSV cell).
            MISSING_WORDS = {{Strings(prep.MissingWords.Words)}}
            # Whether the model fills missing values (--missing mean|median): a missing text value without a category of its
            # own is then all zeros in its block, as an unseen category is; otherwise it is an error.
            FILLS = {{(fills ? "True" : "False")}}

            # A category training never saw: all zeros in its block ("ignore") or an error ("error"), as the model was trained.
            UNKNOWN_CATEGORY = {{String(unknown)}}

            TARGET_NAMES = {{Strings(prep.TargetNames)}}
            # Classification: the classes, in output order.
            CLASS_NAMES = {{Strings(prep.ClassNames)}}
            # Regression: each target's mean and standard deviation; the network's outputs are (value - mean) / scale.
            TARGET_MEANS = {{Numbers(prep.TargetMeans)}}
            TARGET_SCALES = {{Floats(prep.TargetScales)}}

            WEIGHTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), {{String(weightsName)}})

            INPUTS = sum(len(f["categories"]) + (1 if f["missing_category"] else 0) if f["categorical"] else 1 for f in FEATURES)


            {{classes}}def build():
                """The network, with PyTorch's own initial values; load() puts the trained ones in."""
                return nn.Sequential({{modules}}
                )


            def read_safetensors(path):
                """The tensors of a safetensors file by name (safetensors.torch.load_file reads the file the same way)."""
                if sys.byteorder != "little":
                    raise RuntimeError("safetensors holds little-endian floats; this reader needs a little-endian machine")
                with open(path, "rb") as file:
                    data = file.read()
                (length,) = struct.unpack("<Q", data[:8])
                header = json.loads(data[8:8 + length])
                tensors = {}
                for name, entry in header.items():
                    if name == "__metadata__":
                        continue
                    if entry["dtype"] != "F32":
                        raise ValueError(f"{path}: tensor {name} is {entry['dtype']}, expected F32")
                    begin, end = entry["data_offsets"]
                    values = torch.frombuffer(bytearray(data[8 + length + begin:8 + length + end]), dtype=torch.float32)
                    tensors[name] = values.reshape(entry["shape"])
                return tensors


            def load(path=WEIGHTS):
                """build() with the trained weights, in eval mode (dropout off, batchnorm on its running statistics): call
                .train() to go on training."""
                model = build()
                model.load_state_dict(read_safetensors(path))
                return model.eval()


            def _is_missing(value):
                if value is None:
                    return True
                if isinstance(value, str):
                    text = value.strip(" \t")
                    return text == "" or text in MISSING_WORDS
                return isinstance(value, float) and math.isnan(value)


            def _value(row, number, name):
                try:
                    return row[name]
                except KeyError:
                    raise ValueError(f"row {number} has no column {name!r}") from None


            def encode(rows, unknown_category=UNKNOWN_CATEGORY):
                """The model's inputs for rows, float32 (rows, INPUTS), standardised as in training."""
                raw = []
                for number, row in enumerate(rows, 1):
                    for feature in FEATURES:
                        name, value = feature["name"], _value(row, number, feature["name"])
                        if feature["categorical"]:
                            raw.extend(_one_hot(feature, value, number, unknown_category))
                            continue
                        if _is_missing(value):
                            if feature["fill"] is None:
                                raise ValueError(f"row {number}: column {name!r} has a missing value, and the model was trained without a fill")
                            value = feature["fill"]
                        # Centred in double, as the trainer keeps the mean: large values close together (epoch times) stay apart.
                        z = (float(value.strip(" \t") if isinstance(value, str) else value) - feature["mean"]) / feature["scale"]
                        raw.append(z if INPUT_CLIP is None else min(max(z, -INPUT_CLIP), INPUT_CLIP))
                return torch.tensor(raw, dtype=torch.float32).reshape(-1, INPUTS)


            def _one_hot(feature, value, number, unknown_category):
                name, categories = feature["name"], feature["categories"]
                block = [0.0] * (len(categories) + (1 if feature["missing_category"] else 0))
                if _is_missing(value):
                    if feature["missing_category"]:
                        block[-1] = 1.0
                        return block
                    if feature["fill"] is not None:
                        value = feature["fill"]
                    elif FILLS:
                        return block
                    else:
                        raise ValueError(f"row {number}: column {name!r} has a missing value, and the model was trained without a fill")
                text = value.strip(" \t") if isinstance(value, str) else str(value)
                if text in categories:
                    block[categories.index(text)] = 1.0
                elif unknown_category == "error":
                    raise ValueError(f"row {number}: {text!r} in column {name!r} is a category the training data did not have")
                return block


            def targets(rows):
                """What the loss compares the outputs with: class indices (rows) for a classifier, the standardised
                targets float32 (rows, targets) for a regression."""
                if TASK == "classification":
                    indices = []
                    for number, row in enumerate(rows, 1):
                        text = str(_value(row, number, TARGET_NAMES[0])).strip(" \t")
                        if text not in CLASS_NAMES:
                            raise ValueError(f"row {number}: {text!r} is not one of the classes {CLASS_NAMES}")
                        indices.append(CLASS_NAMES.index(text))
                    return torch.tensor(indices, dtype=torch.int64)
                values = [[float(_value(row, number, name)) for name in TARGET_NAMES] for number, row in enumerate(rows, 1)]
                y = torch.tensor(values, dtype=torch.float32).reshape(-1, len(TARGET_NAMES))
                return ((y.double() - torch.tensor(TARGET_MEANS, dtype=torch.float64)) / torch.tensor(TARGET_SCALES, dtype=torch.float64)).float()


            def loss_function():
                """The trainer's loss: cross-entropy of the softmax (mean over the batch), or the mean squared error."""
                return nn.CrossEntropyLoss() if TASK == "classification" else nn.MSELoss()


            @torch.no_grad()
            def predict(model, rows):
                """What the trainer's predict gives: (class names, probabilities (rows, classes)) for a classifier, the values
                in target units (rows, targets) for a regression. The model runs in eval mode."""
                training = model.training
                model.eval()
                outputs = model(encode(rows))
                model.train(training)
                if TASK == "classification":
                    probabilities = torch.softmax(outputs, dim=1)
                    return [CLASS_NAMES[i] for i in probabilities.argmax(dim=1).tolist()], probabilities
                return outputs.double() * torch.tensor(TARGET_SCALES, dtype=torch.float64) + torch.tensor(TARGET_MEANS, dtype=torch.float64)

            """".Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    // A file name inside the docstring: printable ASCII but for the quotes and backslashes that would end or bend it.
    private static string Docstring(string text) => new([.. text.Select(c => c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '?')]);
}
