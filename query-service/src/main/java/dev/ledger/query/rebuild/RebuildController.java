package dev.ledger.query.rebuild;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The rebuild and checksum admin endpoints (behind the admin token, see AdminTokenInterceptor). */
@RestController
class RebuildController {

    private final RebuildService rebuild;
    private final ReadModelChecksum checksum;

    RebuildController(RebuildService rebuild, ReadModelChecksum checksum) {
        this.rebuild = rebuild;
        this.checksum = checksum;
    }

    @PostMapping("/admin/rebuild")
    ResponseEntity<RebuildStatus> start(@RequestParam(defaultValue = "auto") String source) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuild.start(RebuildSource.parse(source)));
    }

    @GetMapping("/admin/rebuild")
    RebuildStatus status() {
        return rebuild.status();
    }

    @DeleteMapping("/admin/rebuild")
    ResponseEntity<RebuildStatus> interrupt() throws InterruptedException {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuild.interrupt());
    }

    @GetMapping("/admin/projection/checksum")
    ReadModelChecksum.Checksum checksum() {
        return checksum.of("public");
    }
}
