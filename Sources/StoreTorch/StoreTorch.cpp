// StoreTorch.cpp — the C functions of store_torch.h over Network. Every C++
// exception stops here and becomes -1 (or NULL) plus a sentence in `error`.
#include "Network.hpp"

#include <ATen/Parallel.h>
#include <c10/core/GradMode.h>
#include <torch/version.h>

#include <cstring>
#include <dlfcn.h>
#include <malloc.h>
#include <exception>
#include <string>

struct st_network {
    std::shared_ptr<store_torch::Network> network;
    std::vector<int64_t> inputShape;
    std::vector<std::pair<std::string, torch::Tensor>> arrays;
};

namespace {

void report(const std::string &message, char *error, size_t size) {
    if (!error || size == 0) return;
    std::strncpy(error, message.c_str(), size - 1);
    error[size - 1] = '\0';
}

/// Runs `body`, turning any exception into -1 and its message.
template <typename Body>
int32_t guarded(char *error, size_t size, Body body) {
    try {
        body();
        return 0;
    } catch (const c10::Error &e) {
        report(e.what_without_backtrace(), error, size);
    } catch (const std::exception &e) {
        report(e.what(), error, size);
    } catch (...) {
        report("an unknown error in libtorch", error, size);
    }
    return -1;
}

/// The batch as a tensor over the caller's floats (no copy): N × the input
/// shape, with the time (sequence) or width (image) axis set to `steps`.
torch::Tensor batchTensor(const st_network *net, const float *x, int64_t batch, int64_t steps) {
    std::vector<int64_t> shape{batch};
    shape.insert(shape.end(), net->inputShape.begin(), net->inputShape.end());
    if (steps > 0 && shape.size() == 4) shape[3] = steps;
    if (steps > 0 && shape.size() == 3) shape[1] = steps;
    return torch::from_blob(const_cast<float *>(x), shape, torch::kFloat);
}

torch::Tensor lengthsTensor(const int64_t *lengths, int64_t batch) {
    if (!lengths) return torch::Tensor();
    return torch::from_blob(const_cast<int64_t *>(lengths), {batch}, torch::kLong).clone();
}

} // namespace

extern "C" {

const char *st_torch_version(void) {
    return TORCH_VERSION;
}

void st_set_threads(int32_t threads) {
    if (threads < 1) return;
    at::set_num_threads(threads);
    using SetThreads = void (*)(int);
    if (auto openblas = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) openblas(threads);
}

void st_tune_allocator(void) {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_TOP_PAD, 64 << 20);
}

st_network *st_network_create(const st_layer *layers, int32_t layer_count, const int64_t *input_shape, int32_t input_rank,
                              uint64_t seed, char *error, size_t error_size) {
    st_network *created = nullptr;
    guarded(error, error_size, [&] {
        torch::manual_seed(seed);
        auto handle = std::make_unique<st_network>();
        handle->inputShape.assign(input_shape, input_shape + input_rank);
        handle->network = std::make_shared<store_torch::Network>(
            std::vector<st_layer>(layers, layers + layer_count), handle->inputShape);
        handle->arrays = handle->network->arrays();
        handle->network->train();
        created = handle.release();
    });
    return created;
}

void st_network_free(st_network *network) {
    delete network;
}

int32_t st_network_set_optimizer(st_network *net, int32_t kind, double learning_rate, double momentum, double l2,
                                 char *error, size_t error_size) {
    return guarded(error, error_size, [&] {
        auto parameters = net->network->parameters();
        if (kind == ST_ADAM) {
            net->network->optimizer = std::make_unique<torch::optim::Adam>(parameters, torch::optim::AdamOptions(learning_rate));
        } else if (kind == ST_SGD) {
            net->network->optimizer = std::make_unique<torch::optim::SGD>(
                parameters, torch::optim::SGDOptions(learning_rate).momentum(momentum));
        } else {
            throw std::invalid_argument("unknown optimizer " + std::to_string(kind));
        }
        net->network->l2 = l2;
    });
}

int32_t st_network_train_batch(st_network *net, const float *x, const int64_t *lengths, int64_t batch, int64_t steps,
                               const int64_t *classes, const float *values, const float *class_weights, int32_t class_count,
                               double *loss, int64_t *correct, char *error, size_t error_size) {
    return guarded(error, error_size, [&] {
        auto &network = *net->network;
        if (!network.optimizer) throw std::logic_error("no optimizer was set");
        network.train();
        auto outputs = network.forward(batchTensor(net, x, batch, steps), lengthsTensor(lengths, batch));
        torch::Tensor objective;
        if (classes) {
            auto targets = torch::from_blob(const_cast<int64_t *>(classes), {batch}, torch::kLong);
            auto options = torch::nn::functional::CrossEntropyFuncOptions();
            if (class_weights) options.weight(torch::from_blob(const_cast<float *>(class_weights), {class_count}, torch::kFloat));
            objective = torch::nn::functional::cross_entropy(outputs, targets, options);
            if (correct) *correct = outputs.argmax(1).eq(targets).sum().item<int64_t>();
        } else {
            auto targets = torch::from_blob(const_cast<float *>(values), {batch}, torch::kFloat);
            objective = torch::nn::functional::mse_loss(outputs.squeeze(1), targets);
            if (correct) *correct = 0;
        }
        if (network.l2 > 0) {
            for (auto &weight : network.regularizedWeights()) objective = objective + network.l2 * weight.pow(2).sum();
        }
        network.optimizer->zero_grad();
        objective.backward();
        network.optimizer->step();
        if (loss) *loss = objective.item<double>();
    });
}

int32_t st_network_predict(st_network *net, const float *x, const int64_t *lengths, int64_t batch, int64_t steps,
                           const int64_t *classes, const float *values, float *outputs, double *loss_sum,
                           char *error, size_t error_size) {
    return guarded(error, error_size, [&] {
        torch::NoGradGuard noGrad;
        auto &network = *net->network;
        network.eval();
        auto result = network.forward(batchTensor(net, x, batch, steps), lengthsTensor(lengths, batch));
        bool classifier = result.size(1) > 1 || classes;
        if (classifier) {
            auto probabilities = torch::softmax(result, 1).contiguous();
            std::memcpy(outputs, probabilities.data_ptr<float>(), sizeof(float) * probabilities.numel());
            if (classes && loss_sum) {
                auto targets = torch::from_blob(const_cast<int64_t *>(classes), {batch}, torch::kLong);
                *loss_sum = torch::nn::functional::cross_entropy(
                    result, targets, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum)).item<double>();
            }
        } else {
            auto predicted = result.squeeze(1).contiguous();
            std::memcpy(outputs, predicted.data_ptr<float>(), sizeof(float) * predicted.numel());
            if (values && loss_sum) {
                auto targets = torch::from_blob(const_cast<float *>(values), {batch}, torch::kFloat);
                *loss_sum = torch::nn::functional::mse_loss(
                    predicted, targets, torch::nn::functional::MSELossFuncOptions().reduction(torch::kSum)).item<double>();
            }
        }
    });
}

int32_t st_network_array_count(st_network *net) {
    return static_cast<int32_t>(net->arrays.size());
}

int32_t st_network_array_info(st_network *net, int32_t index, char *name, size_t name_size, int64_t *shape, int32_t *rank) {
    if (index < 0 || static_cast<size_t>(index) >= net->arrays.size()) return -1;
    const auto &array = net->arrays[index];
    report(array.first, name, name_size);
    auto sizes = array.second.sizes();
    if (sizes.size() > 8) return -1;
    *rank = static_cast<int32_t>(sizes.size());
    for (size_t axis = 0; axis < sizes.size(); ++axis) shape[axis] = sizes[axis];
    return 0;
}

int32_t st_network_array_read(st_network *net, int32_t index, float *out, int64_t count) {
    if (index < 0 || static_cast<size_t>(index) >= net->arrays.size()) return -1;
    auto values = net->arrays[index].second.detach().contiguous();
    if (values.numel() != count) return -1;
    std::memcpy(out, values.data_ptr<float>(), sizeof(float) * count);
    return 0;
}

int32_t st_network_array_write(st_network *net, int32_t index, const float *in, int64_t count) {
    if (index < 0 || static_cast<size_t>(index) >= net->arrays.size()) return -1;
    auto &target = net->arrays[index].second;
    if (target.numel() != count) return -1;
    torch::NoGradGuard noGrad;
    target.copy_(torch::from_blob(const_cast<float *>(in), target.sizes(), torch::kFloat));
    return 0;
}

} // extern "C"
