import GRDB
import StoreCore
import StoreFunctions
import StoreTestSupport
import XCTest

/// Tensor summaries along one axis, single elements and padding along an axis
/// (TensorAxes.swift rules (1)–(5), `tensor_pad(t, n, axis)`), and the image
/// functions (ImageFunctions.swift).
final class TensorAxesTests: FunctionTestCase {
    // MARK: - tensor_mean / tensor_std along an axis

    /// numpy: a = np.array([[1,2,3],[4,5,9]]); a.mean(axis=0) → [2.5, 3.5, 6];
    /// a.mean(axis=1) → [2, 6]; a.std(axis=1) → [0.816496580927726, 2.160246899469287].
    func testMeanAndStdAlongEachAxisAreNumpys() throws {
        let matrix = "tensor('[[1,2,3],[4,5,9]]', 'float32')"
        XCTAssertEqual(try text("SELECT tensor_json(tensor_mean(\(matrix), 0))"), "[2.5,3.5,6.0]")
        XCTAssertEqual(try text("SELECT tensor_json(tensor_mean(\(matrix), 1))"), "[2.0,6.0]")
        XCTAssertEqual(try text("SELECT tensor_json(tensor_mean(\(matrix), -1))"), "[2.0,6.0]")
        XCTAssertEqual(try text("SELECT tensor_dtype(tensor_mean(\(matrix), 1))"), "float64")
        let stds = try store.queue.read { db in
            try Double.fetchAll(db, sql: "SELECT value FROM json_each(tensor_json(tensor_std(\(matrix), 1)))")
        }
        XCTAssertEqual(stds[0], 0.816496580927726, accuracy: 1e-15)
        XCTAssertEqual(stds[1], 2.160246899469287, accuracy: 1e-15)
    }

    /// A 3-axis tensor reduced along the middle axis keeps the outer and inner
    /// axes: numpy np.arange(12).reshape(2,3,2).mean(axis=1) → [[2,3],[8,9]].
    func testMiddleAxisKeepsTheOthers() throws {
        let cube = "tensor('[[[0,1],[2,3],[4,5]],[[6,7],[8,9],[10,11]]]')"
        XCTAssertEqual(try text("SELECT tensor_shape(tensor_mean(\(cube), 1))"), "[2,2]")
        XCTAssertEqual(try text("SELECT tensor_json(tensor_mean(\(cube), 1))"), "[[2.0,3.0],[8.0,9.0]]")
    }

    func testMFCCSummariesAreOverFrames() throws {
        let mfcc = "tensor('[[1,3],[10,20],[-4,4]]', 'float32')"
        XCTAssertEqual(try text("SELECT tensor_json(mfcc_mean(\(mfcc)))"), "[2.0,15.0,0.0]")
        XCTAssertEqual(try text("SELECT tensor_json(mfcc_std(\(mfcc)))"), "[1.0,5.0,4.0]")
        XCTAssertEqual(error("SELECT mfcc_mean(tensor('[1,2]'))"),
                       "mfcc_mean(): the tensor has shape [2]; it must be a matrix of coefficients × frames")
    }

    /// Rules (1), (2), (4): NULLs, non-tensors, bad axes, empty axes.
    func testNullsBadArgumentsAndEmptyAxes() throws {
        XCTAssertEqual(try value("SELECT tensor_mean(NULL, 0)"), .null)
        XCTAssertEqual(try value("SELECT tensor_mean(tensor('[1]'), NULL)"), .null)
        XCTAssertEqual(try value("SELECT tensor_std(tensor('[[],[]]'), 1)"), .null)
        XCTAssertEqual(error("SELECT tensor_mean(tensor('[[1,2]]'), 2)"),
                       "tensor_mean(): axis 2 is out of range for a tensor of shape [1,2]")
        XCTAssertEqual(error("SELECT tensor_std(x'00', 0)")?.hasPrefix("tensor_std(): the BLOB is not a tensor"), true)
        XCTAssertEqual(error("SELECT tensor_mean(tensor('[1]'), 'a')"), "tensor_mean(): second argument must be an integer axis")
    }

    // MARK: - tensor_at

    func testElementsByFlatAndFullIndex() throws {
        let matrix = "tensor('[[1,2,3],[4,5,6]]')"
        XCTAssertEqual(try real("SELECT tensor_at(\(matrix), 4)"), 5)
        XCTAssertEqual(try real("SELECT tensor_at(\(matrix), 1, 2)"), 6)
        XCTAssertEqual(try real("SELECT tensor_at(\(matrix), -1, 0)"), 4)
        XCTAssertEqual(try real("SELECT tensor_at(\(matrix), -1)"), 6)
        XCTAssertEqual(try value("SELECT tensor_at(tensor('[7,200]', 'uint8'), 1)"), 200.databaseValue)
        XCTAssertEqual(try value("SELECT tensor_at(\(matrix), NULL)"), .null)
        XCTAssertEqual(error("SELECT tensor_at(\(matrix), 6)"), "tensor_at(): flat index 6 is out of range for a tensor of shape [2,3]")
        XCTAssertEqual(error("SELECT tensor_at(\(matrix), 0, 3)"), "tensor_at(): index on axis 1 3 is out of range for a tensor of shape [2,3]")
        XCTAssertEqual(error("SELECT tensor_at(\(matrix), 0, 0, 0)"), "tensor_at(): the tensor of shape [2,3] needs 1 or 2 indices, not 3")
        XCTAssertEqual(error("SELECT tensor_at(\(matrix))"), "tensor_at(): give a tensor and at least one index")
    }

    /// A view turns each recording's MFCC means into columns.
    func testMeansExpandIntoColumns() throws {
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE speech (mfcc BLOB)")
            try db.execute(sql: "INSERT INTO speech VALUES (tensor('[[1,3],[5,7]]', 'float32'))")
            try db.execute(sql: "CREATE VIEW speech_features AS SELECT tensor_at(mfcc_mean(mfcc), 0) AS mfcc_0, tensor_at(mfcc_mean(mfcc), 1) AS mfcc_1 FROM speech")
        }
        let row = try store.queue.read { db in try Row.fetchOne(db, sql: "SELECT * FROM speech_features") }
        XCTAssertEqual(row?["mfcc_0"] as Double?, 2)
        XCTAssertEqual(row?["mfcc_1"] as Double?, 6)
    }

    // MARK: - tensor_pad along an axis

    func testPadAndTruncateAlongTheFramesAxis() throws {
        let mfcc = "tensor('[[1,2,3],[4,5,6]]', 'float32')"
        XCTAssertEqual(try text("SELECT tensor_json(tensor_pad(\(mfcc), 5, 1))"), "[[1.0,2.0,3.0,0.0,0.0],[4.0,5.0,6.0,0.0,0.0]]")
        XCTAssertEqual(try text("SELECT tensor_json(tensor_pad(\(mfcc), 2, -1))"), "[[1.0,2.0],[4.0,5.0]]")
        XCTAssertEqual(try text("SELECT tensor_json(tensor_pad(\(mfcc), 3, 0))"), "[[1.0,2.0,3.0],[4.0,5.0,6.0],[0.0,0.0,0.0]]")
        XCTAssertEqual(try text("SELECT tensor_dtype(tensor_pad(\(mfcc), 5, 1))"), "float32")
        XCTAssertEqual(try value("SELECT tensor_pad(\(mfcc), 5, NULL)"), .null)
        XCTAssertEqual(error("SELECT tensor_pad(\(mfcc), 5, 2)"), "tensor_pad(): axis 2 is out of range for a tensor of shape [2,3]")
    }

    // MARK: - Images

    /// numpy: img = np.array([[[0,10,255],[100,30,255]]], dtype=np.uint8);
    /// img.mean(axis=(0,1)) → [50, 20, 255]; img.std(axis=(0,1)) → [50, 10, 0].
    func testImageChannelSummaries() throws {
        let image = "tensor('[[[0,10,255],[100,30,255]]]', 'uint8')"
        XCTAssertEqual(try text("SELECT tensor_json(image_mean(\(image)))"), "[50.0,20.0,255.0]")
        XCTAssertEqual(try text("SELECT tensor_json(image_std(\(image)))"), "[50.0,10.0,0.0]")
        XCTAssertEqual(try text("SELECT tensor_json(image_mean(tensor('[[0,2],[4,6]]', 'uint8')))"), "[3.0]")
        XCTAssertEqual(try value("SELECT image_mean(NULL)"), .null)
        XCTAssertEqual(error("SELECT image_mean(tensor('[1,2]', 'uint8'))"),
                       "image_mean(): the tensor has shape [2]; an image is height × width × channels (1 to 4) or height × width")
    }

    func testImagePNGRefusesWhatIsNotAnImage() throws {
        XCTAssertEqual(try value("SELECT image_png(NULL)"), .null)
        XCTAssertEqual(error("SELECT image_png(tensor('[[[0.5]]]'))"), "image_png(): the tensor is float64; an image must be uint8 (0 to 255)")
        XCTAssertEqual(error("SELECT image_png(tensor('[[[1,2,3,4,5]]]', 'uint8'))"),
                       "image_png(): the tensor has shape [1,1,5]; an image is height × width × channels (1 to 4) or height × width")
    }

    /// image_png's bytes are a PNG file: the signature, then an IHDR chunk
    /// with the tensor's width, height, bit depth 8 and colour type.
    func testImagePNGWritesAPNGOfTheTensorsGeometry() throws {
        let data = try value("SELECT image_png(tensor('[[[255,0,0],[0,255,0],[0,0,255]],[[1,2,3],[4,5,6],[7,8,9]]]', 'uint8'))")
        guard case .blob(let png) = data.storage else { return XCTFail("image_png gave \(data)") }
        let bytes = [UInt8](png)
        guard bytes.count > 26 else { return XCTFail("image_png gave \(bytes.count) bytes") }
        XCTAssertEqual(Array(bytes.prefix(8)), [137, 80, 78, 71, 13, 10, 26, 10])
        XCTAssertEqual(Array(bytes[12..<16]), Array("IHDR".utf8))
        XCTAssertEqual(Array(bytes[16..<24]), [0, 0, 0, 3, 0, 0, 0, 2])  // width 3, height 2
        XCTAssertEqual(bytes[24], 8)  // bit depth
        XCTAssertEqual(bytes[25], 2)  // colour type RGB
    }
}
