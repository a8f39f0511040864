/* store_torch.h — the C face of libStoreTorch, the one C++ target over libtorch.
 *
 * `store` loads libStoreTorch.so with dlopen the first time a network is
 * trained or scored (StoreNetworks/TorchLibrary.swift), so no other command
 * pays libtorch's start-up. Nothing of C++ crosses this header: networks are
 * opaque handles, arrays are plain float / int64 buffers in row-major order,
 * and every function that can fail returns 0 on success or -1 with a sentence
 * in the caller's `error` buffer (every C++ exception is caught inside).
 *
 * A network is a sequence of layers (`st_layer`) whose sizes the caller has
 * already worked out (StoreNetworks/NetworkShapes.swift checks them and gives
 * the user the message). Tensors flow in three layouts:
 *   image    N × C × H × W   (conv2d, pools 2-D, batchnorm, flatten)
 *   sequence N × T × F      (lstm, gru, conv1d and pools 1-D over T)
 *   flat     N × F          (dense, dropout, activations)
 * A sequence layer after an image reads the width axis as time and
 * channels × height as the features of each step. `lengths` (one per row)
 * give each row's true length along the time / width axis: convolutions and
 * pools shorten them as they shorten the axis, positions past a row's length
 * are zeroed after every layer, recurrent layers run on packed sequences, and
 * global average pooling divides by the true length — padding never counts.
 */
#ifndef STORE_TORCH_H
#define STORE_TORCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum st_layer_kind {
    ST_DENSE = 1,          /* units; input = in features */
    ST_CONV1D = 2,         /* units = filters, kernel, same_padding; input = in channels (features) */
    ST_CONV2D = 3,         /* units = filters, kernel (square), same_padding; input = in channels */
    ST_MAXPOOL1D = 4,      /* kernel = pool size (stride = pool size, floor) */
    ST_MAXPOOL2D = 5,
    ST_AVGPOOL1D = 6,
    ST_AVGPOOL2D = 7,
    ST_GLOBAL_AVGPOOL = 8, /* mean over H × W (image) or over T (sequence): to flat */
    ST_BATCHNORM = 9,      /* input = features or channels */
    ST_DROPOUT = 10,       /* rate */
    ST_FLATTEN = 11,
    ST_LSTM = 12,          /* units, sequences (1: every step, 0: the last step); input = features per step */
    ST_GRU = 13,
    ST_RELU = 14,
    ST_TANH = 15,
    ST_SIGMOID = 16,
};

typedef struct st_layer {
    int32_t kind;
    int32_t units;
    int32_t kernel;
    int32_t same_padding;
    int32_t sequences;
    int32_t input;
    double rate;
} st_layer;

enum st_optimizer_kind { ST_ADAM = 1, ST_SGD = 2 };

typedef struct st_network st_network;

/* The libtorch version this library was built against, e.g. "1.13.1". */
const char *st_torch_version(void);

/* Sets torch's intra-op thread count (and OpenBLAS's when it is loaded). */
void st_set_threads(int32_t threads);

/* Keeps freed tensor buffers in the process instead of returning them to the
 * system after every batch (glibc's mallopt: no mmap below 32 MiB, trim only
 * above 1 GiB). Without it, glibc unmaps and page-faults the same buffers
 * back each batch: about a fifth of a training run in system time. */
void st_tune_allocator(void);

/* A new network with freshly initialized parameters (torch's default
 * initializations, drawn after torch::manual_seed(seed)). `input_shape` is
 * one row's shape in the first layer's layout (without N); `outputs` is the
 * last dense layer's units. NULL on error. */
st_network *st_network_create(const st_layer *layers, int32_t layer_count,
                              const int64_t *input_shape, int32_t input_rank,
                              uint64_t seed, char *error, size_t error_size);

void st_network_free(st_network *network);

/* Chooses the optimizer for st_network_train_batch. `l2` adds
 * l2 · Σ w² over the weights (not the biases) of dense and convolution
 * layers to the loss, as Keras's kernel_regularizer=l2(l2). */
int32_t st_network_set_optimizer(st_network *network, int32_t kind, double learning_rate,
                                 double momentum, double l2, char *error, size_t error_size);

/* `steps` in the two functions below is the batch's length of the time axis
 * (sequence) or width axis (image): rows are padded to it, and it may differ
 * from batch to batch; 0 means the length in the network's input shape. */

/* One optimizer step on a batch of `batch` rows (train mode: dropout on,
 * batch statistics). Classification when `classes` is not NULL (cross-entropy
 * on the logits, weighted by `class_weights` when not NULL, as PyTorch's
 * CrossEntropyLoss(weight=…)), else regression on `values` (mean squared
 * error, one output). `lengths` may be NULL. Writes the batch's mean loss
 * (the L2 term included) and, for classification, the count of rows whose
 * largest logit is their class. */
int32_t st_network_train_batch(st_network *network, const float *x, const int64_t *lengths, int64_t batch, int64_t steps,
                               const int64_t *classes, const float *values,
                               const float *class_weights, int32_t class_count,
                               double *loss, int64_t *correct, char *error, size_t error_size);

/* The outputs of a batch in eval mode (dropout off, running statistics, no
 * gradients): class probabilities (softmax), batch × outputs, or predicted
 * values, batch × 1. When `classes` or `values` is given, also the sum of the
 * rows' unweighted losses (cross-entropy of the logits, or squared error),
 * without the L2 term, into `loss_sum`. */
int32_t st_network_predict(st_network *network, const float *x, const int64_t *lengths, int64_t batch, int64_t steps,
                           const int64_t *classes, const float *values,
                           float *outputs, double *loss_sum, char *error, size_t error_size);

/* The network's arrays: its parameters then its float buffers (batchnorm's
 * running mean and variance), in registration order, named as PyTorch's
 * state_dict names them ("0.weight", "3.bias", "5.running_mean"). */
int32_t st_network_array_count(st_network *network);

/* The name (NUL-terminated, truncated to name_size) and shape (at most 8
 * axes) of array `index`. */
int32_t st_network_array_info(st_network *network, int32_t index, char *name, size_t name_size,
                              int64_t *shape, int32_t *rank);

/* Copies array `index` out to / in from `count` floats (its element count). */
int32_t st_network_array_read(st_network *network, int32_t index, float *out, int64_t count);
int32_t st_network_array_write(st_network *network, int32_t index, const float *in, int64_t count);

#ifdef __cplusplus
}
#endif

#endif
