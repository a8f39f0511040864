// Network.hpp — a sequential network built from a list of st_layer, with the
// forward pass that carries each row's true length through convolutions,
// pools and packed recurrent layers (see store_torch.h for the layouts).
#pragma once

#include "store_torch.h"

#include <torch/nn.h>
#include <torch/nn/utils/rnn.h>
#include <torch/optim.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace store_torch {

/// How the tensor between two layers is laid out.
enum class Layout { image, sequence, flat };

/// The tensor between two layers, with its rows' true lengths along the time
/// (sequence) or width (image) axis when the rows were padded.
struct Flow {
    torch::Tensor x;
    Layout layout;
    /// int64, one per row; undefined when every row has the full length.
    torch::Tensor lengths;
    /// Set while the rows are a packed sequence (between recurrent layers);
    /// `x` is then undefined.
    std::optional<torch::nn::utils::rnn::PackedSequence> packed;
};

/// One layer: its spec, the layout it reads, and its module when it has
/// parameters.
struct Layer {
    st_layer spec;
    Layout input;
    torch::nn::Linear dense{nullptr};
    torch::nn::Conv1d conv1d{nullptr};
    torch::nn::Conv2d conv2d{nullptr};
    torch::nn::BatchNorm1d batchnorm{nullptr};
    torch::nn::LSTM lstm{nullptr};
    torch::nn::GRU gru{nullptr};
};

class Network : public torch::nn::Module {
public:
    /// Builds the layers for rows of `inputShape` (without the batch axis);
    /// throws std::invalid_argument naming the layer when one cannot read
    /// what the layer before it gives.
    Network(const std::vector<st_layer> &layers, const std::vector<int64_t> &inputShape);

    /// The outputs of the last layer for a batch `x` (N × inputShape).
    torch::Tensor forward(torch::Tensor x, torch::Tensor lengths);

    /// The weights that Keras-style L2 regularization adds to the loss.
    std::vector<torch::Tensor> regularizedWeights() const;

    /// Parameters then float buffers, as (state_dict name, tensor).
    std::vector<std::pair<std::string, torch::Tensor>> arrays();

    std::unique_ptr<torch::optim::Optimizer> optimizer;
    double l2 = 0;

private:
    std::vector<Layer> layers_;
    Layout inputLayout_;

    void apply(Layer &layer, Flow &flow);
    static void mask(Flow &flow);
    static void unpack(Flow &flow);
    static void pack(Flow &flow);
};

} // namespace store_torch
