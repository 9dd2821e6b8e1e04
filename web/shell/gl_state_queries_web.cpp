// Answers for the GL state queries Dear ImGui's OpenGL backend makes around every frame.
//
// The backend saves the bound program, texture, buffers, blend functions, viewport and
// scissor box before drawing and restores them after, so it can share a context with other
// renderers. In WebGL each glGetIntegerv is a getParameter() call that the browser answers
// synchronously from its GPU process: a dozen per frame cost several milliseconds with a
// software renderer and a round trip each on real hardware. This client is the context's
// only user and sets everything it draws with itself, so the saved state is never needed:
// for those queries this answers GL's defaults (nothing bound, blending ONE/ZERO with
// FUNC_ADD), which the backend then "restores". Every other query goes to WebGL.
//
// Linking: a definition here takes the place of Emscripten's JavaScript glGetIntegerv;
// its emscripten_glGetIntegerv alias stays available for the rest.
#include <GLES3/gl3.h>

extern "C" void emscripten_glGetIntegerv(GLenum pname, GLint* data);

extern "C" void glGetIntegerv(GLenum pname, GLint* data) {
  switch (pname) {
    case GL_ACTIVE_TEXTURE:
      data[0] = GL_TEXTURE0;
      return;
    case GL_CURRENT_PROGRAM:
    case GL_TEXTURE_BINDING_2D:
    case GL_SAMPLER_BINDING:
    case GL_ARRAY_BUFFER_BINDING:
    case GL_ELEMENT_ARRAY_BUFFER_BINDING:
    case GL_VERTEX_ARRAY_BINDING:
      data[0] = 0;
      return;
    case GL_BLEND_SRC_RGB:
    case GL_BLEND_SRC_ALPHA:
      data[0] = GL_ONE;
      return;
    case GL_BLEND_DST_RGB:
    case GL_BLEND_DST_ALPHA:
      data[0] = GL_ZERO;
      return;
    case GL_BLEND_EQUATION_RGB:
    case GL_BLEND_EQUATION_ALPHA:
      data[0] = GL_FUNC_ADD;
      return;
    case GL_VIEWPORT:
    case GL_SCISSOR_BOX:
      // Restored as an empty box; the next frame sets its viewport before it draws
      // (platform_web.cpp) and the scissor test is off outside ImGui's own drawing.
      data[0] = data[1] = data[2] = data[3] = 0;
      return;
    default:
      emscripten_glGetIntegerv(pname, data);
  }
}
