;;; Run by test/editors/emacs.test.ts after xlcfg-eglot.el (the README snippet):
;;;   emacs --batch -l test/editors/xlcfg-eglot.el -l test/editors/emacs-check.el
;;; Visits $XLCFG_FILE, lets eglot start the server as after any command, and
;;; writes what eglot and flymake see as JSON to $XLCFG_RESULT: the server,
;;; the diagnostics (with their codes), completion inside a channel string
;;; (the candidates, and one accepted with completion-at-point), a live
;;; settings change. Polls with accept-process-output, never sleeps.
(require 'json)
(require 'cl-lib)
(require 'flymake)

(defvar xlcfg-check-result (list (cons 'ok :json-false)
                                 (cons 'emacs emacs-version)
                                 (cons 'eglot (abbreviate-file-name (or (locate-library "eglot") "?"))))
  "The alist written to $XLCFG_RESULT.")

(defun xlcfg-check-put (key value)
  (setq xlcfg-check-result (cons (cons key value) (assq-delete-all key xlcfg-check-result))))

(defun xlcfg-check-wait (what predicate &optional timeout)
  "Process events until PREDICATE is non-nil (and return it) or fail after TIMEOUT s."
  (let ((deadline (+ (float-time) (or timeout 20))) (v nil))
    (while (and (not (setq v (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (or v (error "Timed out waiting for %s" what))))

(defun xlcfg-check-code (diag)
  (let* ((data (and (fboundp 'flymake-diagnostic-data) (flymake-diagnostic-data diag)))
         (lsp (alist-get 'eglot-lsp-diag data)))
    (or (and lsp (plist-get lsp :code))
        (and (string-match "\\[\\([a-z0-9-]+\\)\\]" (flymake-diagnostic-text diag))
             (match-string 1 (flymake-diagnostic-text diag))))))

(defun xlcfg-check-diagnostics ()
  (flymake-start)
  (mapcar (lambda (d)
            (let ((beg (flymake-diagnostic-beg d)) (end (flymake-diagnostic-end d)))
              (list (cons 'code (xlcfg-check-code d))
                    (cons 'line (1- (line-number-at-pos beg)))
                    (cons 'col (save-excursion (goto-char beg) (current-column)))
                    (cons 'text (buffer-substring-no-properties beg end))
                    (cons 'type (symbol-name (flymake-diagnostic-type d)))
                    (cons 'message (flymake-diagnostic-text d)))))
          (flymake-diagnostics)))

(defun xlcfg-check-has-code (code)
  (cl-some (lambda (d) (equal (alist-get 'code d) code)) (xlcfg-check-diagnostics)))

(defun xlcfg-check-goto (line col)
  "Move to 0-based LINE and COL."
  (goto-char (point-min))
  (forward-line line)
  (forward-char col))

(defun xlcfg-check-candidates ()
  "What completion-at-point would offer here (eglot's capf, as a user's completion UI asks it)."
  (let ((capf (eglot-completion-at-point)))
    (when capf
      (all-completions (buffer-substring-no-properties (nth 0 capf) (nth 1 capf)) (nth 2 capf)))))

(defun xlcfg-check-line ()
  (buffer-substring-no-properties (line-beginning-position) (line-end-position)))

(defun xlcfg-check-main ()
  (find-file (getenv "XLCFG_FILE"))
  (xlcfg-check-put 'mode (symbol-name major-mode))
  ;; eglot-ensure connects when the command that visited the file finishes.
  (run-hooks 'post-command-hook)
  (xlcfg-check-wait "eglot to manage the buffer" (lambda () (eglot-managed-p)))
  (let ((server (eglot-current-server)))
    (xlcfg-check-put 'server (process-command (jsonrpc--process server)))
    (xlcfg-check-put 'server-name (or (plist-get (eglot--server-info server) :name) ""))
    ;; Diagnostics through flymake, as the user sees them (M-x flymake-show-buffer-diagnostics).
    (xlcfg-check-wait "the channel diagnostics" (lambda () (xlcfg-check-has-code "channel-unknown-connection")))
    (xlcfg-check-put 'diagnostics (vconcat (xlcfg-check-diagnostics)))
    ;; Completion inside a channel string, typing a new entry into the list:
    ;; `"name=org.example.new.0,' offers the keys it lacks; `con' M-x completion-at-point ...
    (xlcfg-check-goto 13 0)
    (insert "    \"name=org.example.new.0,\",\n")
    (xlcfg-check-goto 13 28)
    (xlcfg-check-put 'completion-keys (vconcat (xlcfg-check-candidates)))
    (insert "con")
    (completion-at-point)
    (xlcfg-check-put 'completed-line (xlcfg-check-line))
    ;; ... then the values of connection=, and `so' M-x completion-at-point.
    (xlcfg-check-put 'completion-values (vconcat (xlcfg-check-candidates)))
    (insert "so")
    (completion-at-point)
    (xlcfg-check-put 'completed-value-line (xlcfg-check-line))
    ;; Settings reach the server live (workspace/didChangeConfiguration).
    (setq-default eglot-workspace-configuration '(:xlcfg (:channel (:dialect "seed"))))
    (eglot-signal-didChangeConfiguration server)
    (xlcfg-check-put 'seed-dialect
                     (if (ignore-errors (xlcfg-check-wait "the seed dialect" (lambda () (xlcfg-check-has-code "channel-no-output")))) t :json-false))
    (xlcfg-check-put 'ok t)))

(condition-case err
    (xlcfg-check-main)
  (error (xlcfg-check-put 'error (error-message-string err))
         (ignore-errors (xlcfg-check-put 'diagnostics (vconcat (xlcfg-check-diagnostics))))))

(with-temp-file (getenv "XLCFG_RESULT")
  (insert (json-encode xlcfg-check-result)))
(kill-emacs 0)
