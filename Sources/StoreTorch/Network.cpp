// Network.cpp — building the layers and the length-aware forward pass.
#include "Network.hpp"

#include <stdexcept>

namespace F = torch::nn::functional;
using torch::nn::utils::rnn::PackedSequence;

namespace store_torch {

namespace {

std::string layerName(size_t index, const st_layer &spec) {
    static const char *names[] = {"", "dense", "conv1d", "conv2d", "maxpool1d", "maxpool2d", "avgpool1d", "avgpool2d",
                                  "global_avg_pool", "batchnorm", "dropout", "flatten", "lstm", "gru", "relu", "tanh", "sigmoid"};
    const char *name = spec.kind >= 1 && spec.kind <= 16 ? names[spec.kind] : "unknown";
    return "layer " + std::to_string(index + 1) + " (" + name + ")";
}

const char *layoutName(Layout layout) {
    switch (layout) {
    case Layout::image: return "an image (channels × height × width)";
    case Layout::sequence: return "a sequence (steps × features)";
    case Layout::flat: return "a flat vector";
    }
    return "";
}

/// The layout a layer of `kind` gives when it reads `input`, or throws.
Layout outputLayout(const st_layer &spec, Layout input, const std::string &name) {
    auto require = [&](bool ok, const char *what) {
        if (!ok) throw std::invalid_argument(name + " needs " + what + ", not " + layoutName(input));
    };
    switch (spec.kind) {
    case ST_DENSE:
        require(input == Layout::flat, "a flat vector (add flatten or global_avg_pool before it)");
        return Layout::flat;
    case ST_CONV2D: case ST_MAXPOOL2D: case ST_AVGPOOL2D:
        require(input == Layout::image, "an image");
        return Layout::image;
    case ST_CONV1D: case ST_MAXPOOL1D: case ST_AVGPOOL1D:
        require(input == Layout::sequence, "a sequence");
        return Layout::sequence;
    case ST_GLOBAL_AVGPOOL:
        require(input != Layout::flat, "an image or a sequence");
        return Layout::flat;
    case ST_FLATTEN:
        return Layout::flat;
    case ST_LSTM: case ST_GRU:
        require(input != Layout::flat, "an image or a sequence");
        return spec.sequences ? Layout::sequence : Layout::flat;
    case ST_BATCHNORM: case ST_DROPOUT: case ST_RELU: case ST_TANH: case ST_SIGMOID:
        return input;
    default:
        throw std::invalid_argument(name + " has an unknown kind " + std::to_string(spec.kind));
    }
}

/// A 0/1 float mask of positions inside each row's length: N × 1 × 1 × W
/// (image) or N × T × 1 (sequence).
torch::Tensor lengthMask(const torch::Tensor &lengths, int64_t steps, Layout layout) {
    auto positions = torch::arange(steps, torch::kLong).unsqueeze(0);
    auto inside = positions.lt(lengths.unsqueeze(1)).to(torch::kFloat);
    return layout == Layout::image ? inside.unsqueeze(1).unsqueeze(1) : inside.unsqueeze(2);
}

} // namespace

Network::Network(const std::vector<st_layer> &layers, const std::vector<int64_t> &inputShape) {
    switch (inputShape.size()) {
    case 3: inputLayout_ = Layout::image; break;
    case 2: inputLayout_ = Layout::sequence; break;
    case 1: inputLayout_ = Layout::flat; break;
    default: throw std::invalid_argument("the input must have 1 to 3 axes per row, not " + std::to_string(inputShape.size()));
    }
    Layout layout = inputLayout_;
    for (size_t index = 0; index < layers.size(); ++index) {
        const st_layer &spec = layers[index];
        std::string name = layerName(index, spec);
        Layer layer{spec, layout};
        std::string key = std::to_string(index);
        switch (spec.kind) {
        case ST_DENSE:
            layer.dense = register_module(key, torch::nn::Linear(spec.input, spec.units));
            break;
        case ST_CONV1D:
            layer.conv1d = register_module(key, torch::nn::Conv1d(torch::nn::Conv1dOptions(spec.input, spec.units, spec.kernel)
                .padding(spec.same_padding ? torch::nn::Conv1dOptions::padding_t(torch::kSame) : torch::nn::Conv1dOptions::padding_t(0))));
            break;
        case ST_CONV2D:
            layer.conv2d = register_module(key, torch::nn::Conv2d(torch::nn::Conv2dOptions(spec.input, spec.units, spec.kernel)
                .padding(spec.same_padding ? torch::nn::Conv2dOptions::padding_t(torch::kSame) : torch::nn::Conv2dOptions::padding_t(0))));
            break;
        case ST_BATCHNORM:
            layer.batchnorm = register_module(key, torch::nn::BatchNorm1d(spec.input));
            break;
        case ST_LSTM:
            layer.lstm = register_module(key, torch::nn::LSTM(torch::nn::LSTMOptions(spec.input, spec.units).batch_first(true)));
            break;
        case ST_GRU:
            layer.gru = register_module(key, torch::nn::GRU(torch::nn::GRUOptions(spec.input, spec.units).batch_first(true)));
            break;
        default:
            break;
        }
        layout = outputLayout(spec, layout, name);
        layers_.push_back(layer);
    }
    if (layers_.empty() || layers_.back().spec.kind != ST_DENSE) {
        throw std::invalid_argument("the last layer must be dense (the outputs)");
    }
}

torch::Tensor Network::forward(torch::Tensor x, torch::Tensor lengths) {
    Flow flow{x, inputLayout_, lengths, std::nullopt};
    if (flow.lengths.defined()) mask(flow);
    for (auto &layer : layers_) apply(layer, flow);
    return flow.x;
}

void Network::mask(Flow &flow) {
    if (!flow.lengths.defined() || flow.packed || flow.layout == Layout::flat) return;
    int64_t steps = flow.x.size(flow.layout == Layout::image ? 3 : 1);
    flow.x = flow.x * lengthMask(flow.lengths, steps, flow.layout);
}

void Network::unpack(Flow &flow) {
    if (!flow.packed) return;
    flow.x = std::get<0>(torch::nn::utils::rnn::pad_packed_sequence(*flow.packed, true));
    flow.packed.reset();
}

void Network::pack(Flow &flow) {
    if (flow.packed) return;
    if (flow.layout == Layout::image) {
        // N × C × H × W → N × W × (C·H): the width is time.
        auto &x = flow.x;
        flow.x = x.permute({0, 3, 1, 2}).reshape({x.size(0), x.size(3), x.size(1) * x.size(2)});
        flow.layout = Layout::sequence;
    }
    auto lengths = flow.lengths.defined() ? flow.lengths
                                          : torch::full({flow.x.size(0)}, flow.x.size(1), torch::kLong);
    flow.packed = torch::nn::utils::rnn::pack_padded_sequence(flow.x, lengths, true, false);
    flow.x = torch::Tensor();
}

void Network::apply(Layer &layer, Flow &flow) {
    const st_layer &spec = layer.spec;
    auto shorten = [&](int64_t by, int64_t divide) {
        if (flow.lengths.defined()) {
            flow.lengths = torch::clamp_min(flow.lengths.sub(by).div(divide, "floor"), 0);
        }
    };
    switch (spec.kind) {
    case ST_DENSE:
        flow.x = layer.dense->forward(flow.x);
        return;
    case ST_CONV2D:
        flow.x = layer.conv2d->forward(flow.x);
        if (!spec.same_padding) shorten(spec.kernel - 1, 1);
        mask(flow);
        return;
    case ST_CONV1D:
        unpack(flow);
        flow.x = layer.conv1d->forward(flow.x.transpose(1, 2)).transpose(1, 2);
        if (!spec.same_padding) shorten(spec.kernel - 1, 1);
        mask(flow);
        return;
    case ST_MAXPOOL2D: case ST_AVGPOOL2D:
        flow.x = spec.kind == ST_MAXPOOL2D ? F::max_pool2d(flow.x, F::MaxPool2dFuncOptions(spec.kernel))
                                           : F::avg_pool2d(flow.x, F::AvgPool2dFuncOptions(spec.kernel));
        shorten(0, spec.kernel);
        mask(flow);
        return;
    case ST_MAXPOOL1D: case ST_AVGPOOL1D: {
        unpack(flow);
        auto channels = flow.x.transpose(1, 2);
        channels = spec.kind == ST_MAXPOOL1D ? F::max_pool1d(channels, F::MaxPool1dFuncOptions(spec.kernel))
                                             : F::avg_pool1d(channels, F::AvgPool1dFuncOptions(spec.kernel));
        flow.x = channels.transpose(1, 2);
        shorten(0, spec.kernel);
        mask(flow);
        return;
    }
    case ST_GLOBAL_AVGPOOL: {
        unpack(flow);
        if (flow.layout == Layout::image) {
            if (flow.lengths.defined()) {
                auto count = flow.lengths.to(torch::kFloat).clamp_min(1).mul(flow.x.size(2)).unsqueeze(1);
                flow.x = flow.x.sum({2, 3}) / count;
            } else {
                flow.x = flow.x.mean({2, 3});
            }
        } else if (flow.lengths.defined()) {
            auto count = flow.lengths.to(torch::kFloat).clamp_min(1).unsqueeze(1);
            flow.x = flow.x.sum(1) / count;
        } else {
            flow.x = flow.x.mean(1);
        }
        flow.layout = Layout::flat;
        flow.lengths = torch::Tensor();
        return;
    }
    case ST_BATCHNORM: {
        if (flow.packed) {
            auto &p = *flow.packed;
            flow.packed = PackedSequence(layer.batchnorm->forward(p.data()), p.batch_sizes(), p.sorted_indices(), p.unsorted_indices());
            return;
        }
        if (flow.layout == Layout::flat) {
            flow.x = layer.batchnorm->forward(flow.x);
            return;
        }
        // Channels last, one row per position; only positions inside each
        // row's length are normalized (and counted in the statistics).
        auto x = flow.layout == Layout::image ? flow.x.permute({0, 2, 3, 1}) : flow.x;
        auto shape = x.sizes().vec();
        auto rows = x.reshape({-1, shape.back()});
        if (flow.lengths.defined()) {
            auto inside = flow.layout == Layout::image
                ? lengthMask(flow.lengths, shape[2], Layout::sequence).squeeze(2).unsqueeze(1).expand({shape[0], shape[1], shape[2]})
                : lengthMask(flow.lengths, shape[1], Layout::sequence).squeeze(2);
            auto index = inside.reshape({-1}).nonzero().squeeze(1);
            rows = torch::zeros_like(rows).index_copy(0, index, layer.batchnorm->forward(rows.index_select(0, index)));
        } else {
            rows = layer.batchnorm->forward(rows);
        }
        x = rows.reshape(shape);
        flow.x = flow.layout == Layout::image ? x.permute({0, 3, 1, 2}).contiguous() : x;
        return;
    }
    case ST_DROPOUT:
    case ST_RELU: case ST_TANH: case ST_SIGMOID: {
        auto elementwise = [&](const torch::Tensor &t) -> torch::Tensor {
            switch (spec.kind) {
            case ST_DROPOUT: return F::dropout(t, F::DropoutFuncOptions().p(spec.rate).training(is_training()));
            case ST_RELU: return torch::relu(t);
            case ST_TANH: return torch::tanh(t);
            default: return torch::sigmoid(t);
            }
        };
        if (flow.packed) {
            auto &p = *flow.packed;
            flow.packed = PackedSequence(elementwise(p.data()), p.batch_sizes(), p.sorted_indices(), p.unsorted_indices());
        } else {
            flow.x = elementwise(flow.x);
            if (spec.kind == ST_SIGMOID) mask(flow);
        }
        return;
    }
    case ST_FLATTEN:
        unpack(flow);
        flow.x = flow.x.flatten(1);
        flow.layout = Layout::flat;
        flow.lengths = torch::Tensor();
        return;
    case ST_LSTM: case ST_GRU: {
        pack(flow);
        torch::Tensor last;
        if (spec.kind == ST_LSTM) {
            auto out = layer.lstm->forward_with_packed_input(*flow.packed);
            flow.packed = std::get<0>(out);
            last = std::get<0>(std::get<1>(out));
        } else {
            auto out = layer.gru->forward_with_packed_input(*flow.packed);
            flow.packed = std::get<0>(out);
            last = std::get<1>(out);
        }
        if (!spec.sequences) {
            // h_n: 1 × N × units, in the rows' own order.
            flow.x = last.squeeze(0);
            flow.packed.reset();
            flow.layout = Layout::flat;
            flow.lengths = torch::Tensor();
        }
        return;
    }
    default:
        throw std::invalid_argument("unknown layer kind " + std::to_string(spec.kind));
    }
}

std::vector<torch::Tensor> Network::regularizedWeights() const {
    std::vector<torch::Tensor> weights;
    for (const auto &layer : layers_) {
        if (layer.dense) weights.push_back(layer.dense->weight);
        if (layer.conv1d) weights.push_back(layer.conv1d->weight);
        if (layer.conv2d) weights.push_back(layer.conv2d->weight);
    }
    return weights;
}

std::vector<std::pair<std::string, torch::Tensor>> Network::arrays() {
    std::vector<std::pair<std::string, torch::Tensor>> all;
    for (auto &item : named_parameters(true)) all.emplace_back(item.key(), item.value());
    for (auto &item : named_buffers(true)) {
        if (item.value().scalar_type() == torch::kFloat) all.emplace_back(item.key(), item.value());
    }
    return all;
}

} // namespace store_torch
